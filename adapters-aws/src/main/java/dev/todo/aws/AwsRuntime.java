package dev.todo.aws;

import dev.todo.ports.ImportJournal;
import dev.todo.usecase.ImportService;
import dev.todo.usecase.ImportSettings;
import dev.todo.usecase.RowWriter;
import dev.todo.usecase.TodoService;
import dev.todo.usecase.WriteRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of the Lambda functions: builds each use case from environment variables, once per
 * container, and fails at start with a message naming any variable that is missing.
 *
 * <p>Variables: {@code TABLE_NAME}, {@code IMPORTS_TABLE_NAME}, {@code QUEUE_URL}, {@code CONTROL_QUEUE_URL},
 * {@code BUCKET_NAME}; optional {@code MAX_MESSAGE_BYTES}, {@code SEND_CONCURRENCY}, {@code WRITE_CONCURRENCY},
 * {@code WRITES_PER_SECOND}, {@code IMPORT_TIME_MARGIN_MS}; and the SDK's own ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_*}, credentials).
 */
public final class AwsRuntime {

  private final Map<String, String> env;
  private final AwsClients clients;
  private final Clock clock = Clock.systemUTC();
  private S3Client s3;
  private SqsClient sqs;
  private DynamoDbClient dynamoDb;

  public AwsRuntime(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.clients = new AwsClients(env);
  }

  /** The runtime of this process, from its environment. */
  public static AwsRuntime fromEnvironment() {
    return new AwsRuntime(System.getenv());
  }

  public ImportService importService() {
    String queueUrl = required("QUEUE_URL", "the URL of the import queue");
    String controlUrl = required("CONTROL_QUEUE_URL", "the URL of the queue that carries import continuations");
    ImportSettings settings = new ImportSettings(number("MAX_MESSAGE_BYTES", ImportSettings.DEFAULTS.maxMessageBytes()),
        number("SEND_MESSAGES_PER_CALL", 40));
    return new ImportService(new S3ObjectSource(s3()),
        new SqsRowQueue(sqs(), queueUrl, SqsRowQueue.PORTABLE_BATCH_BYTES, number("SEND_CONCURRENCY", 4), Backoff.DEFAULT),
        journal(), new SqsContinuations(sqs(), controlUrl), clock, settings);
  }

  public RowWriter rowWriter() {
    Optional<WriteRateLimiter> limit = optional("WRITES_PER_SECOND").map(Double::parseDouble).filter(r -> r > 0)
        .map(WriteRateLimiter::perSecond);
    return new RowWriter(todoRepository(), journal(), clock, limit);
  }

  public TodoService todoService() {
    return new TodoService(todoRepository(), clock, () -> UUID.randomUUID().toString());
  }

  public ImportJournal journal() {
    return new DynamoDbImportJournal(dynamoDb(), required("IMPORTS_TABLE_NAME", "the name of the import journal table"));
  }

  public S3UploadLinks uploadLinks() {
    return new S3UploadLinks(clients.s3Presigner(), required("BUCKET_NAME", "the name of the import bucket"),
        Duration.ofMinutes(number("UPLOAD_URL_MINUTES", 15)));
  }

  /** How long before the function's timeout an import stops and hands over to a continuation. */
  public Duration importTimeMargin() {
    return Duration.ofMillis(number("IMPORT_TIME_MARGIN_MS", 60_000));
  }

  private DynamoDbTodoRepository todoRepository() {
    return new DynamoDbTodoRepository(dynamoDb(), required("TABLE_NAME", "the name of the todo table"),
        number("WRITE_CONCURRENCY", 16), Backoff.DEFAULT);
  }

  private synchronized S3Client s3() {
    return s3 == null ? s3 = clients.s3() : s3;
  }

  private synchronized SqsClient sqs() {
    return sqs == null ? sqs = clients.sqs() : sqs;
  }

  private synchronized DynamoDbClient dynamoDb() {
    return dynamoDb == null ? dynamoDb = clients.dynamoDb() : dynamoDb;
  }

  private String required(String name, String what) {
    return optional(name).orElseThrow(() -> new IllegalStateException(
        "environment variable " + name + " is not set: it must hold " + what));
  }

  private int number(String name, int fallback) {
    Optional<String> value = optional(name);
    try {
      return value.map(String::strip).map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("environment variable " + name + " must be a whole number, was '" + value.get() + "'");
    }
  }

  private Optional<String> optional(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }
}
