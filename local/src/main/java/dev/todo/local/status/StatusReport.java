package dev.todo.local.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.aws.handler.ApiJson;
import dev.todo.local.lambda.AwsEvents;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.triggers.StreamShard;
import dev.todo.ports.ImportJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the status page shows, gathered from the cloud's parts as of now: the recent imports with their counters,
 * the queues' depths, the table's item count, each function's invocations with its latest error, a stream function
 * stuck on a record, the latest events and mails, and the metrics the functions logged.
 */
public final class StatusReport {

  private static final int IMPORTS_SHOWN = 10;
  private static final long COUNT_EVERY_MILLIS = 3000;

  /** What the page reports on: the cloud's parts, named as the stack names them. */
  public record Sources(ImportJournal journal, SqsClient sqs, Map<String, String> queueUrls, DynamoDbClient dynamoDb,
                 String table, InvocationLog invocations, EmbeddedMetrics metrics, IntSupplier redrive, Events events,
                 S3Client s3, String bucket) {

    /** An error report's bytes, if the bucket holds one under that key. */
    Optional<byte[]> errorReport(String key) {
      try {
        return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      }
    }
  }

  /** The bus's latest events, newest first, how many it took in all, and the outbox its notifications land in. */
  public interface Events {
    List<JsonNode> recent();

    long published();

    Path outbox();

    /** Stream records not yet taken by their functions: 0 once every change so far has had its chance at an event. */
    int pendingStreamRecords();

    /** Notifications the rule asked the notifier for, not yet sent. */
    int pendingNotifications();

    /** Stream records passed over after their retries, described on the event dead-letter queue. */
    long deadLetteredStreamRecords();

    /** The stream functions failing on the record at the head of their stream, again and again. */
    List<StreamShard.Stuck> stuck();
  }

  private final Sources sources;
  private final AtomicBoolean counting = new AtomicBoolean();
  private volatile Optional<ItemCount> itemCount = Optional.empty();

  private record ItemCount(long items, long countedAt, long tookMillis) {
  }

  public StatusReport(Sources sources) {
    this.sources = sources;
  }

  Sources sources() {
    return sources;
  }

  /** Everything the page shows, as of now. */
  ObjectNode status() {
    ObjectNode status = AwsEvents.JSON.createObjectNode().put("now", System.currentTimeMillis());
    ArrayNode imports = status.putArray("imports");
    sources.journal().list(IMPORTS_SHOWN, Optional.empty(), Optional.empty()).items()
        .forEach(r -> imports.add(ApiJson.importRecord(r)));
    ArrayNode queues = status.putArray("queues");
    sources.queueUrls().forEach((name, url) -> queues.add(queue(name, url)));
    ObjectNode table = status.putObject("table").put("name", sources.table());
    countItemsSoon();
    itemCount.ifPresent(c -> table.put("items", c.items()).put("countedAt", c.countedAt()).put("countMillis", c.tookMillis()));
    ArrayNode functions = status.putArray("functions");
    sources.invocations().snapshot().forEach((name, s) -> {
      ObjectNode f = functions.addObject().put("function", name).put("invocations", s.invocations()).put("errors", s.errors())
          .put("averageMillis", s.invocations() == 0 ? 0 : s.totalMillis() / s.invocations());
      sources.invocations().latestError(name).ifPresent(i -> f.put("latestError", i.error().orElseThrow())
          .put("latestErrorAt", i.startedAt()));
    });
    ArrayNode stuck = status.putArray("stuck");
    sources.events().stuck().forEach(s -> stuck.addObject().put("function", s.function()).put("record", s.keys())
        .put("failures", s.failures()).put("reason", s.reason()));
    status.set("events", events(12));
    ArrayNode metrics = status.putArray("metrics");
    for (Map.Entry<EmbeddedMetrics.Key, EmbeddedMetrics.Statistics> m : sources.metrics().snapshot()) {
      EmbeddedMetrics.Statistics s = m.getValue();
      ObjectNode node = metrics.addObject().put("namespace", m.getKey().namespace()).put("name", m.getKey().name());
      m.getKey().dimensions().forEach(node.putObject("dimensions")::put);
      node.put("unit", s.unit()).put("samples", s.samples()).put("sum", s.sum()).put("min", s.min()).put("max", s.max())
          .put("last", s.last()).put("lastAt", s.lastAt());
    }
    return status;
  }

  /** The latest {@code limit} events, the bus's total, and the outbox's messages (newest first, the latest 20). */
  ObjectNode events(int limit) {
    ObjectNode answer = AwsEvents.JSON.createObjectNode().put("published", sources.events().published())
        .put("streamRecordsPending", sources.events().pendingStreamRecords())
        .put("notificationsPending", sources.events().pendingNotifications())
        .put("streamRecordsDeadLettered", sources.events().deadLetteredStreamRecords())
        .put("outbox", sources.events().outbox().toString());
    ArrayNode events = answer.putArray("events");
    sources.events().recent().stream().limit(limit).forEach(events::add);
    ArrayNode mails = answer.putArray("mails");
    try (Stream<Path> files = Files.list(sources.events().outbox())) {
      for (Path file : files.sorted(Comparator.reverseOrder()).limit(20).toList()) {
        String subject = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("Subject: "))
            .findFirst().map(l -> l.substring(9)).orElse("");
        mails.addObject().put("file", file.getFileName().toString()).put("subject", subject);
      }
    } catch (IOException e) {
      answer.put("outboxError", e.getMessage());
    }
    return answer;
  }

  private ObjectNode queue(String name, String url) {
    ObjectNode node = AwsEvents.JSON.createObjectNode().put("name", name);
    try {
      Map<QueueAttributeName, String> a = sources.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
      node.put("visible", Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")))
          .put("inFlight", Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")))
          .put("delayed", Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")));
    } catch (RuntimeException e) {
      node.put("error", e.getMessage());
    }
    return node;
  }

  /**
   * Starts a count of the table's items unless one ran in the last few seconds: DynamoDB's own ItemCount is
   * refreshed every six hours and dynalite's never, so the page counts with a paged {@code Select=COUNT} scan,
   * in the background, and shows the latest count with its time.
   */
  private void countItemsSoon() {
    boolean fresh = itemCount.map(c -> System.currentTimeMillis() - c.countedAt() < COUNT_EVERY_MILLIS).orElse(false);
    if (fresh || !counting.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture.runAsync(() -> {
      long start = System.currentTimeMillis();
      try {
        long items = 0;
        Map<String, AttributeValue> from = Map.of();
        do {
          Map<String, AttributeValue> startKey = from;
          ScanResponse page = sources.dynamoDb().scan(r -> r.tableName(sources.table()).select(Select.COUNT)
              .exclusiveStartKey(startKey.isEmpty() ? null : startKey));
          items += page.count();
          from = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : Map.of();
        } while (!from.isEmpty());
        long end = System.currentTimeMillis();
        itemCount = Optional.of(new ItemCount(items, end, end - start));
      } catch (RuntimeException e) {
        // the next poll tries again; the page keeps the last count
      } finally {
        counting.set(false);
      }
    });
  }
}
