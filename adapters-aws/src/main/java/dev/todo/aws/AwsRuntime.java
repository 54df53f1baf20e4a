package dev.todo.aws;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.ExportTasks;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.TodoEvents;
import dev.todo.usecase.EventNotifier;
import dev.todo.usecase.ExportDesk;
import dev.todo.usecase.ExportSettings;
import dev.todo.usecase.ExportWorker;
import dev.todo.usecase.ImportAnnouncements;
import dev.todo.usecase.ImportDesk;
import dev.todo.usecase.ImportService;
import dev.todo.usecase.ImportSettings;
import dev.todo.usecase.RowWriter;
import dev.todo.usecase.TodoChangeEvents;
import dev.todo.usecase.TodoService;
import dev.todo.usecase.WriteRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of the Lambda functions: builds each use case from {@link FunctionSettings} and the SDK
 * clients, once per container. {@link #fromEnvironment()} fails at start with a message naming any variable
 * that is missing or malformed.
 */
public final class AwsRuntime {

  private final FunctionSettings settings;
  private final AwsClients clients;
  private final Clock clock = Clock.systemUTC();
  private S3Client s3;
  private SqsClient sqs;
  private DynamoDbClient dynamoDb;
  private EventBridgeClient eventBridge;

  public AwsRuntime(FunctionSettings settings, AwsClients clients) {
    this.settings = settings;
    this.clients = clients;
  }

  /** The runtime of this process, from its environment. */
  public static AwsRuntime fromEnvironment() {
    return new AwsRuntime(FunctionSettings.fromEnvironment(System.getenv()), new AwsClients(System.getenv()));
  }

  public FunctionSettings settings() {
    return settings;
  }

  public ImportService importService() {
    return new ImportService(new S3ObjectSource(s3()),
        new SqsRowQueue(sqs(), settings.queueUrl(), SqsRowQueue.PORTABLE_BATCH_BYTES, settings.sendsInFlight(), Backoff.DEFAULT),
        journal(), new SqsContinuations(sqs(), settings.controlQueueUrl()), clock,
        new ImportSettings(settings.maxMessageBytes(), settings.messagesPerSend(), settings.maxRowsPerMessage()));
  }

  public ExportDesk exportDesk() {
    return new ExportDesk(exportFiles(), exportTasks(), clock, exportSettings());
  }

  public ExportWorker exportWorker() {
    return new ExportWorker(exportFiles(), todoRepository(), exportTasks(), clock, exportSettings());
  }

  private ExportFiles exportFiles() {
    return new S3ExportFiles(s3(), settings.bucket());
  }

  private ExportTasks exportTasks() {
    return new SqsExportTasks(this::sqs, settings.exportQueueUrl());
  }

  private ExportSettings exportSettings() {
    return new ExportSettings(settings.exportSegments(), ExportSettings.DEFAULTS.pageSize(), ExportSettings.DEFAULTS.partBytes(),
        ExportSettings.DEFAULTS.fileChunkBytes(), settings.exportAssemblyLease());
  }

  public RowWriter rowWriter() {
    Optional<WriteRateLimiter> limit = Optional.of(settings.writesPerSecond()).filter(r -> r > 0).map(WriteRateLimiter::perSecond);
    return new RowWriter(todoRepository(), journal(), clock, limit, settings.maxReceiveCount());
  }

  public TodoService todoService() {
    return new TodoService(todoRepository(), clock, () -> UUID.randomUUID().toString());
  }

  public ImportJournal journal() {
    return new DynamoDbImportJournal(dynamoDb(), settings.importsTable());
  }

  public ImportDesk importDesk() {
    return new ImportDesk(journal(), new S3UploadLinks(s3().utilities(), clients.credentials(), clients.region().id(),
        settings.bucket(), settings.uploadUrlLifetime(), settings.uploadMaxBytes(), clock));
  }

  public TodoChangeEvents todoChangeEvents() {
    return new TodoChangeEvents(todoEvents());
  }

  public ImportAnnouncements importAnnouncements() {
    return new ImportAnnouncements(journal(), todoEvents(), clock);
  }

  public EventNotifier eventNotifier() {
    return new EventNotifier(new SnsNotifications(clients.sns(), settings.topicArn()));
  }

  private TodoEvents todoEvents() {
    return new EventBridgeTodoEvents(eventBridge(), settings.eventBus(), EventBridgeTodoEvents.BACKOFF);
  }

  /** How long before the function's timeout an import stops and hands over to a continuation. */
  public Duration importTimeMargin() {
    return settings.importTimeMargin();
  }

  private DynamoDbTodoRepository todoRepository() {
    return new DynamoDbTodoRepository(dynamoDb(), settings.table(), settings.batchWritesInFlight(), Backoff.DEFAULT);
  }

  private synchronized S3Client s3() {
    return s3 == null ? s3 = clients.s3() : s3;
  }

  private synchronized SqsClient sqs() {
    return sqs == null ? sqs = clients.sqs() : sqs;
  }

  private synchronized EventBridgeClient eventBridge() {
    return eventBridge == null ? eventBridge = clients.eventBridge() : eventBridge;
  }

  private synchronized DynamoDbClient dynamoDb() {
    return dynamoDb == null ? dynamoDb = clients.dynamoDb() : dynamoDb;
  }
}
