package dev.todo.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Counts every AWS API call made by any SDK client in this JVM, by "Service.Operation", and the request bytes
 * sent to SQS (SQS bills every 64 KiB of payload as one request). Registered as a global SDK interceptor (see
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the real handlers are counted
 * without any change to them.
 *
 * <p>Not counted: calls of threads marked {@link #ignoreThisThread} or named with an ignored prefix (the
 * benchmark's own polling, the local cloud's stand-in for S3 notifications). A ReceiveMessage that returned
 * nothing is counted apart, as {@code Sqs.ReceiveMessage(empty)}: idle polling depends on wall time, not on rows.
 */
public final class CallCounter implements ExecutionInterceptor {

  public static final String EMPTY_RECEIVE = "Sqs.ReceiveMessage(empty)";
  private static final String RECEIVE = "ReceiveMessage";

  private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
  private static final LongAdder SQS_BILLED = new LongAdder();
  private static final LongAdder WRITE_UNITS = new LongAdder();
  private static final ThreadLocal<Boolean> IGNORED = ThreadLocal.withInitial(() -> false);
  private static final List<String> IGNORED_PREFIXES = new CopyOnWriteArrayList<>();
  private static final Map<String, String> APART = new ConcurrentHashMap<>();
  private static final ExecutionAttribute<String> BUCKET = new ExecutionAttribute<>("bench.bucket");
  private static final ExecutionAttribute<Boolean> COUNTED = new ExecutionAttribute<>("bench.counted");

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String thread = Thread.currentThread().getName();
    attributes.putAttribute(COUNTED, !IGNORED.get() && IGNORED_PREFIXES.stream().noneMatch(thread::startsWith));
    attributes.putAttribute(BUCKET, APART.entrySet().stream().filter(e -> thread.startsWith(e.getKey()))
        .map(e -> e.getValue() + ":").findFirst().orElse(""));
  }

  /** Every attempt is a request (a retried call is billed again), so attempts are what is counted. */
  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (!Boolean.TRUE.equals(attributes.getAttribute(COUNTED))) {
      return;
    }
    if ("Sqs".equals(service(attributes))) {
      long bytes = context.requestBody().flatMap(b -> b.optionalContentLength()).orElse(0L);
      SQS_BILLED.add(Math.max(1, (bytes + 65_535) / 65_536));
    }
    if (!RECEIVE.equals(operation(attributes))) {
      count(attributes.getAttribute(BUCKET) + service(attributes) + "." + operation(attributes));
    }
  }

  /**
   * A receive is counted once it is known whether it brought messages; DynamoDB write units once it is known
   * what was written (items of at most 1 KB: one unit a write, two in a transaction).
   */
  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (!Boolean.TRUE.equals(attributes.getAttribute(COUNTED))) {
      return;
    }
    if (RECEIVE.equals(operation(attributes))) {
      boolean empty = !(context.response() instanceof ReceiveMessageResponse r) || r.messages().isEmpty();
      count(empty ? EMPTY_RECEIVE : "Sqs." + RECEIVE);
    }
    if (attributes.getAttribute(BUCKET).isEmpty()) {
      WRITE_UNITS.add(writeUnits(context.request(), context.response()));
    }
  }

  private static long writeUnits(SdkRequest request, SdkResponse response) {
    if (request instanceof BatchWriteItemRequest batch && response instanceof BatchWriteItemResponse result) {
      long sent = batch.requestItems().values().stream().mapToLong(List::size).sum();
      return sent - result.unprocessedItems().values().stream().mapToLong(List::size).sum();
    }
    if (request instanceof TransactWriteItemsRequest transaction) {
      return 2L * transaction.transactItems().size();
    }
    return request instanceof PutItemRequest || request instanceof UpdateItemRequest || request instanceof DeleteItemRequest ? 1 : 0;
  }

  private static void count(String key) {
    CALLS.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  private static String service(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
  }

  /** The calls of the current thread are not counted from now on. */
  public static void ignoreThisThread() {
    IGNORED.set(true);
  }

  /** Calls of threads whose name starts with {@code prefix} are not counted. */
  public static void ignoreThreadsNamed(String prefix) {
    IGNORED_PREFIXES.add(prefix);
  }

  /**
   * Calls of threads whose name starts with {@code prefix} are counted apart, as {@code bucket:Service.Operation}
   * (and their write units not at all): the import's own calls stay what they were.
   */
  public static void countApart(String prefix, String bucket) {
    APART.put(prefix, bucket);
  }

  /** The event functions' calls counted apart, under {@code events:}: what the import itself calls stays apart from them. */
  public static void countEventsApart() {
    dev.todo.local.LocalEvents.FUNCTIONS.forEach(f -> countApart(f, "events"));
  }

  public static void reset() {
    CALLS.clear();
    SQS_BILLED.reset();
    WRITE_UNITS.reset();
  }

  /** DynamoDB write request units consumed so far (items taken as at most 1 KB each). */
  public static long writeUnits() {
    return WRITE_UNITS.sum();
  }

  /** Calls so far (every attempt), by "Service.Operation", sorted. */
  public static Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    CALLS.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** SQS requests as billed so far: one per call and per further 64 KiB of request. Empty receives included. */
  public static long sqsBilledRequests() {
    return SQS_BILLED.sum();
  }

  /** Calls so far to one service ("DynamoDb", "Sqs", "S3"), not counting empty receives. */
  public static long service(Map<String, Long> snapshot, String service) {
    return snapshot.entrySet().stream()
        .filter(e -> e.getKey().startsWith(service + ".") && !e.getKey().equals(EMPTY_RECEIVE))
        .mapToLong(Map.Entry::getValue).sum();
  }
}
