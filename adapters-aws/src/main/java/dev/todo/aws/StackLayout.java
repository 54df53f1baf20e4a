package dev.todo.aws;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * The service's resources and how they are set up: the bucket, the two tables and their keys, the import queue,
 * the control queue and the export queue with their dead-letter queues, the event bus and the notification topic. The CDK stack builds AWS
 * resources from it; {@link Provisioning#createAll} makes all of them on any endpoint that serves the five services
 * (moto, an account), and {@link Provisioning#create} the bucket, tables and queues where the local cloud brings its
 * own stream recorder, bus and topic.
 */
public record StackLayout(String bucket, String table, String importsTable, Map<ServiceQueue, QueueLayout> queues,
                          String eventBus, String topic) {

  public StackLayout {
    if (!queues.keySet().equals(EnumSet.allOf(ServiceQueue.class))) {
      throw new IllegalArgumentException("a layout has every queue of ServiceQueue, not only " + queues.keySet());
    }
    queues = Collections.unmodifiableMap(new EnumMap<>(queues));
  }

  /** The import queue. */
  public QueueLayout rows() {
    return queues.get(ServiceQueue.ROWS);
  }

  /** The queue of import continuations. */
  public QueueLayout control() {
    return queues.get(ServiceQueue.CONTROL);
  }

  /** The queue of export tasks. */
  public QueueLayout exports() {
    return queues.get(ServiceQueue.EXPORTS);
  }

  /** The todo table's partition key. */
  public static final String TODO_KEY = "todoId";
  /** The journal's partition key: the import id (see {@link DynamoDbImportJournal}). */
  public static final String JOURNAL_KEY = "pk";
  /** The journal's sort key: the import's record, or one marker per written message. */
  public static final String JOURNAL_SORT_KEY = "sk";
  /** The journal's index of imports by start time: partition {@link #JOURNAL_KIND} (every record's is the same). */
  public static final String JOURNAL_BY_START = "byStart";
  /** The journal's index of imports by object key: partition {@link #JOURNAL_OBJECT_KEY}, newest first. */
  public static final String JOURNAL_BY_KEY = "byKey";
  /** Attributes of an import record the indexes use: a constant on records only (markers stay out), the key, the start. */
  public static final String JOURNAL_KIND = "kind";
  public static final String JOURNAL_OBJECT_KEY = "objectKey";
  public static final String JOURNAL_STARTED_AT = "startedAt";
  /** What the tables' streams carry: the todo table's, the items before and after; the journal's, the keys. */
  public static final String TODO_STREAM_VIEW = "NEW_AND_OLD_IMAGES";
  public static final String JOURNAL_STREAM_VIEW = "KEYS_ONLY";
  /** Stream records a stream function gets at most at once, and how long the mapping gathers them. */
  public static final int STREAM_BATCH_SIZE = 100;
  public static final Duration STREAM_BATCHING_WINDOW = Duration.ofSeconds(1);
  /** How often a stream's event source mapping retries a failing record before it goes to the on-failure destination. */
  public static final int STREAM_RETRY_ATTEMPTS = 10;
  /** Receives after which a message moves to the dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 5;
  /** How long a queue keeps a message. */
  public static final Duration RETENTION = Duration.ofDays(4);
  /** How long a dead-letter queue keeps a message: SQS's longest, time to look and redrive. */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
  /** The importer's timeout (and the export worker's), Lambda's longest: a file that takes longer goes on in a continuation. */
  public static final Duration IMPORTER_TIMEOUT = Duration.ofMinutes(15);

  /**
   * One queue and its dead-letter queue; a FIFO queue (and its dead-letter queue) has the {@code .fifo} suffix SQS
   * requires and content-based deduplication.
   */
  public record QueueLayout(String baseName, Duration visibility, int maxReceiveCount, boolean fifo) {

    public QueueLayout(String baseName, Duration visibility, int maxReceiveCount) {
      this(baseName, visibility, maxReceiveCount, false);
    }

    public String name() {
      return baseName + (fifo ? ".fifo" : "");
    }

    public String deadLetterName() {
      return baseName + "-dlq" + (fifo ? ".fifo" : "");
    }

    public QueueLayout withVisibility(Duration d) {
      return new QueueLayout(baseName, d, maxReceiveCount, fifo);
    }

    public QueueLayout withMaxReceiveCount(int n) {
      return new QueueLayout(baseName, visibility, n, fifo);
    }

    public QueueLayout asFifo() {
      return new QueueLayout(baseName, visibility, maxReceiveCount, true);
    }
  }

  /**
   * The import queue's visibility timeout for a writer with this timeout: six times it, as AWS advises for an
   * event source mapping, so a batch that is still being written is not delivered again.
   */
  public static Duration rowsVisibility(Duration writerTimeout) {
    return writerTimeout.multipliedBy(6);
  }

  /** The control queue's visibility timeout: a continuation runs for up to the importer's timeout. */
  public static Duration controlVisibility(Duration importerTimeout) {
    return importerTimeout.plusMinutes(1);
  }

  /** The names the local cloud uses, each followed by {@code suffix} (empty for the default names). */
  public static StackLayout named(String suffix, Duration rowsVisibility, Duration importerTimeout) {
    Map<ServiceQueue, QueueLayout> queues = new EnumMap<>(ServiceQueue.class);
    for (ServiceQueue q : ServiceQueue.values()) {
      queues.put(q, new QueueLayout(q.baseName() + suffix, q.visibility(rowsVisibility, importerTimeout), MAX_RECEIVE_COUNT));
    }
    return new StackLayout("todo-imports" + suffix, "todos" + suffix, "todo-imports-journal" + suffix, queues,
        "todo-events" + suffix, "todo-notifications" + suffix);
  }

  /**
   * One writer at a time, rows written in the order of the file: the import queue is FIFO with one message group
   * (the stack's {@code writeConcurrency=1}).
   */
  public StackLayout withSingleWriter() {
    Map<ServiceQueue, QueueLayout> changed = new EnumMap<>(queues);
    changed.put(ServiceQueue.ROWS, rows().asFifo());
    return new StackLayout(bucket, table, importsTable, changed, eventBus, topic);
  }

  /** The same resources with every queue handing a message to their dead-letter queue after {@code n} receives. */
  public StackLayout withMaxReceiveCount(int n) {
    Map<ServiceQueue, QueueLayout> changed = new EnumMap<>(ServiceQueue.class);
    queues.forEach((q, layout) -> changed.put(q, layout.withMaxReceiveCount(n)));
    return new StackLayout(bucket, table, importsTable, changed, eventBus, topic);
  }

  /** These resources' names as the functions are told them, the queues by the URLs they were given. */
  public FunctionSettings settings(Map<ServiceQueue, String> queueUrls, String region, String account) {
    return FunctionSettings.of(table, importsTable, queueUrls, bucket, eventBus, topicArn(region, account))
        .with(FunctionSettings.Variable.MAX_RECEIVE_COUNT, rows().maxReceiveCount());
  }

  /** The queue that takes what the event path could not deliver: stream records past their retries, failed notifications. */
  public String eventDeadLetters() {
    return eventBus + "-dlq";
  }

  /** The notification topic's ARN in that region and account. */
  public String topicArn(String region, String account) {
    return "arn:aws:sns:" + region + ":" + account + ":" + topic;
  }
}
