package dev.todo.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.aws.AwsClients;
import dev.todo.aws.Provisioning;
import dev.todo.aws.TableProvisioning;
import dev.todo.aws.TodoTableSchema;
import dev.todo.aws.Workers;
import dev.todo.domain.ImportId;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.RowOutcome;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoCsvReader;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import dev.todo.local.triggers.EventSourcePoller;
import dev.todo.local.triggers.S3Notifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * THE BASELINE, the straightforward design the real pipeline is measured against; it lives only in the
 * benchmark. A producer function sends one SQS message per CSV row with one SendMessage call each; the queue
 * feeds a consumer function through an event source with batch size 5; the consumer writes each row with one
 * PutItem under a random id (so a redelivered message makes a duplicate). It parses rows with the same domain
 * reader as the real pipeline, so the comparison is about the I/O design and nothing else.
 */
final class Baseline implements AutoCloseable {

  static final String PRODUCER = "BaselineProducer";
  static final String CONSUMER = "BaselineConsumer";
  static final int BATCH_SIZE = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Notifier notifier;
  private final EventSourcePoller poller;
  private final ExecutorService producers = Workers.daemonPool(PRODUCER, 1);
  private final AtomicLong written = new AtomicLong();
  final String bucket;
  final String table;

  /** Creates the baseline's bucket, queue (with a dead-letter queue) and table, and wires its two functions. */
  Baseline(AwsClients.Endpoints endpoints, String suffix, int maxConcurrency, InvocationLog invocations, Consumer<String> log) {
    AwsClients clients = new AwsClients(endpoints);
    bucket = "baseline" + suffix;
    table = "baseline-todos" + suffix;
    S3Client s3 = clients.s3();
    SqsClient sqs = clients.sqs();
    DynamoDbClient dynamoDb = clients.dynamoDb();
    s3.createBucket(r -> r.bucket(bucket));
    TableProvisioning.createTodoTable(dynamoDb, table);
    String queueUrl = Provisioning.createQueueWithDeadLetter(sqs, "baseline-rows" + suffix);
    LambdaFunction<S3Event, Void> producer = LambdaFunction.of(PRODUCER, new Producer(s3, sqs, queueUrl), S3Event.class,
        Void.class, Duration.ofMinutes(15), log);
    notifier = new S3Notifier(s3, endpoints.s3(), bucket, event -> producers.submit(() -> {
      long start = System.nanoTime();
      try {
        producer.invoke(event);
        invocations.ended(PRODUCER, start, Optional.empty());
      } catch (RuntimeException e) {
        invocations.ended(PRODUCER, start, Optional.of(e.toString()));
        throw e;
      }
    }), log);
    poller = new EventSourcePoller(sqs, queueUrl, CONSUMER, () -> new ConsumerFunction(dynamoDb, table, written),
        new EventSourcePoller.Settings(BATCH_SIZE, Duration.ZERO, maxConcurrency, Duration.ofSeconds(60)),
        () -> false, invocations, log);
  }

  void start(long notifyIntervalMillis) {
    poller.start();
    notifier.start(notifyIntervalMillis);
  }

  /** Rows the consumer has written so far. */
  long written() {
    return written.get();
  }

  @Override
  public void close() {
    notifier.close();
    poller.close();
    producers.shutdownNow();
  }

  /** One SendMessage per accepted row, in file order. */
  record Producer(S3Client s3, SqsClient sqs, String queueUrl) implements RequestHandler<S3Event, Void> {

    @Override
    public Void handleRequest(S3Event event, Context context) {
      for (var record : event.getRecords()) {
        String bucket = record.getS3().getBucket().getName();
        String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
        ObjectRef ref = ObjectRef.of(bucket, key, record.getS3().getObject().geteTag());
        try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key))) {
          TodoCsvReader reader = TodoCsvReader.open(in, ImportId.of(ref), System.currentTimeMillis());
          for (Optional<RowOutcome> next = reader.next(); next.isPresent(); next = reader.next()) {
            if (next.get() instanceof RowOutcome.Accepted accepted) {
              String body = rowJson(accepted.row().todo());
              sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (Exception e) {
          throw new IllegalStateException("baseline import of " + key + " failed", e);
        }
      }
      return null;
    }
  }

  /** One PutItem per message, under a fresh random id; any failure sends the whole batch back. */
  record ConsumerFunction(DynamoDbClient dynamoDb, String table, AtomicLong written)
      implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
      for (SQSEvent.SQSMessage message : event.getRecords()) {
        Todo todo = fromJson(message.getBody());
        dynamoDb.putItem(r -> r.tableName(table).item(TodoTableSchema.INSTANCE.itemToMap(todo, true)));
        written.incrementAndGet();
      }
      return new SQSBatchResponse(List.of());
    }
  }

  static String rowJson(Todo todo) throws JsonProcessingException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", todo.name());
    row.put("completed", todo.completed());
    row.put("createdAt", todo.createdAt());
    row.put("updatedAt", todo.updatedAt());
    row.put("attributes", todo.attributes());
    return JSON.writeValueAsString(row);
  }

  @SuppressWarnings("unchecked")
  static Todo fromJson(String body) {
    try {
      Map<String, Object> row = JSON.readValue(body, Map.class);
      return new Todo(UUID.randomUUID().toString(), (String) row.get("name"), (Boolean) row.get("completed"),
          ((Number) row.get("createdAt")).longValue(), ((Number) row.get("updatedAt")).longValue(),
          (Map<String, String>) row.get("attributes"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a baseline row message: " + e.getOriginalMessage(), e);
    }
  }
}
