package dev.todo.aws;

import dev.todo.domain.ObjectRef;
import java.time.Duration;
import java.util.List;

/**
 * Every Lambda function of the service, each declared once: its name, its handler, what triggers it and with which
 * settings, its timeout, its memory class and what it may call. The CDK stack builds, grants and wires each from
 * here; the local cloud runs each with the same handler, timeout and trigger settings. A new function is a new entry
 * here plus its handler.
 */
public enum ServiceFunction {
  IMPORTER("Importer", "S3ToSqs", Memory.IMPORTER, StackLayout.IMPORTER_TIMEOUT,
      new Trigger.Upload(ObjectRef.IMPORT_PREFIX), Access.IMPORTING),
  IMPORT_CONTINUATION("ImportContinuation", "ImportContinuation", Memory.IMPORTER, StackLayout.IMPORTER_TIMEOUT,
      new Trigger.Queue(ServiceQueue.CONTROL, 1), Access.IMPORTING),
  WRITER("Writer", "SqsToDynamo", Memory.WRITER, Duration.ofSeconds(60), new Trigger.Queue(ServiceQueue.ROWS, ServiceFunction.WRITER_BATCH_SIZE),
      List.of(new Access(Resource.TODO_TABLE, "dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
          new Access(Resource.JOURNAL_TABLE, "dynamodb:UpdateItem"))),
  TODOS_API("TodosApi", "TodoApi", Memory.API, Duration.ofSeconds(29), new Trigger.Api(),
      List.of(new Access(Resource.TODO_TABLE, "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem",
          "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"))),
  IMPORT_STATUS_API("ImportStatusApi", "TodoApi", Memory.API, Duration.ofSeconds(29), new Trigger.Api(),
      List.of(new Access(List.of(Resource.JOURNAL_TABLE, Resource.JOURNAL_INDEXES), List.of("dynamodb:Query")))),
  UPLOADS_API("UploadsApi", "TodoApi", Memory.API, Duration.ofSeconds(29), new Trigger.Api(),
      List.of(new Access(Resource.IMPORT_UPLOADS, "s3:PutObject"))),
  TODO_STREAM("TodoStream", "TodoStream", Memory.API, Duration.ofSeconds(60), new Trigger.Stream(Trigger.TableName.TODOS),
      List.of(new Access(Resource.EVENT_BUS, "events:PutEvents"))),
  JOURNAL_STREAM("JournalStream", "JournalStream", Memory.API, Duration.ofSeconds(60),
      new Trigger.Stream(Trigger.TableName.JOURNAL),
      List.of(new Access(Resource.JOURNAL_TABLE, "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem"),
          new Access(Resource.EVENT_BUS, "events:PutEvents"))),
  EXPORTS_API("ExportsApi", "TodoApi", Memory.API, Duration.ofSeconds(29), new Trigger.Api(),
      List.of(new Access(Resource.EXPORT_FILES, "s3:GetObject", "s3:PutObject"), new Access(Resource.BUCKET, "s3:ListBucket"),
          new Access(Resource.EXPORT_QUEUE, "sqs:SendMessage"))),
  EXPORT_WORKER("ExportWorker", "SqsToExport", Memory.IMPORTER, StackLayout.IMPORTER_TIMEOUT,
      new Trigger.Queue(ServiceQueue.EXPORTS, 1),
      List.of(new Access(Resource.TODO_TABLE, "dynamodb:Scan"),
          new Access(Resource.EXPORT_FILES, "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"),
          new Access(Resource.BUCKET, "s3:ListBucket"), new Access(Resource.EXPORT_QUEUE, "sqs:SendMessage"))),
  NOTIFIER("Notifier", "Notifier", Memory.API, Duration.ofSeconds(60), new Trigger.Rule(8, Duration.ofHours(24)),
      List.of(new Access(Resource.TOPIC, "sns:Publish")));

  /** Messages per writer invocation unless the stack is told otherwise (a constant: command-line defaults name it). */
  public static final int WRITER_BATCH_SIZE = 10;

  /** Which of the stack's memory settings a function gets. */
  public enum Memory { IMPORTER, WRITER, API }

  /** What a function may call, by resource: the stack turns each into one IAM statement. */
  public enum Resource { IMPORT_UPLOADS, ERROR_REPORTS, EXPORT_FILES, BUCKET, ROWS_QUEUE, CONTROL_QUEUE, EXPORT_QUEUE,
    TODO_TABLE, JOURNAL_TABLE, JOURNAL_INDEXES, EVENT_BUS, TOPIC }

  /** Some actions on some resources: one IAM statement. */
  public record Access(List<Resource> resources, List<String> actions) {
    public Access(Resource resource, String... actions) {
      this(List.of(resource), List.of(actions));
    }

    /** What the importer and its continuation both need: read the upload, write the report, queue, keep the journal. */
    static final List<Access> IMPORTING = List.of(
        new Access(Resource.IMPORT_UPLOADS, "s3:GetObject", "s3:GetObjectVersion"), // the exact version notified
        new Access(Resource.ERROR_REPORTS, "s3:GetObject", "s3:PutObject"),
        new Access(List.of(Resource.ROWS_QUEUE, Resource.CONTROL_QUEUE), List.of("sqs:SendMessage")),
        new Access(Resource.JOURNAL_TABLE, "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"));
  }

  /** What invokes a function, with the settings of that event source. */
  public sealed interface Trigger {
    /** The tables whose streams a function can read. */
    enum TableName { TODOS, JOURNAL }

    /** S3 notifies every object created under the prefix (the function is invoked asynchronously). */
    record Upload(String prefix) implements Trigger {
    }

    /** An SQS event source: batches of up to {@code batchSize} messages, partial batch responses. */
    record Queue(ServiceQueue queue, int batchSize) implements Trigger {
    }

    /** A DynamoDB stream event source with the stream settings of {@link StackLayout}: bisect, retry, dead-letter. */
    record Stream(TableName table) implements Trigger {
      public int batchSize() {
        return StackLayout.STREAM_BATCH_SIZE;
      }

      public Duration batchingWindow() {
        return StackLayout.STREAM_BATCHING_WINDOW;
      }

      public int retryAttempts() {
        return StackLayout.STREAM_RETRY_ATTEMPTS;
      }
    }

    /** The bus's notification rule invokes it asynchronously, retrying and dead-lettering as EventBridge does. */
    record Rule(int retryAttempts, Duration maxEventAge) implements Trigger {
    }

    /** The REST API: the routes {@link ApiRoute} gives this function (locally one API server takes them all). */
    record Api() implements Trigger {
    }
  }

  private static final String HANDLERS = "dev.todo.aws.handler.";

  private final String functionName;
  private final String handler;
  private final Memory memory;
  private final Duration timeout;
  private final Trigger trigger;
  private final List<Access> accesses;

  ServiceFunction(String functionName, String handler, Memory memory, Duration timeout, Trigger trigger,
      List<Access> accesses) {
    this.functionName = functionName;
    this.handler = handler;
    this.memory = memory;
    this.timeout = timeout;
    this.trigger = trigger;
    this.accesses = accesses;
  }

  /** The function's name in the stack (its construct id). */
  public String functionName() {
    return functionName;
  }

  /**
   * The handler's class (named, not referenced: the CDK app that reads this catalogue has no Lambda runtime classes
   * to load it with; {@code ServiceFunctionTest} checks each name).
   */
  public String handlerClass() {
    return HANDLERS + handler;
  }

  /** Lambda's handler string: the class and its {@code handleRequest}. */
  public String handlerName() {
    return handlerClass() + "::handleRequest";
  }

  /** The handler's class name without its package: what the local cloud calls the function in its logs. */
  public String localName() {
    return handler;
  }

  public Memory memory() {
    return memory;
  }

  /** The timeout (the writer's is the default of the stack's {@code writerTimeoutSeconds}). */
  public Duration timeout() {
    return timeout;
  }

  public Trigger trigger() {
    return trigger;
  }

  public List<Access> accesses() {
    return accesses;
  }
}
