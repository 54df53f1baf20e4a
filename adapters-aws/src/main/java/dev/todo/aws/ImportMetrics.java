package dev.todo.aws;

/**
 * The import's CloudWatch metrics, as the functions emit them (embedded metric format in their log lines) and the
 * stack's dashboard and alarms read them: one namespace, the function's name as the only dimension, so an import's
 * id stays a property of the log line and never multiplies the metrics.
 */
public final class ImportMetrics {

  public static final String NAMESPACE = "TodoImport";
  public static final String DIMENSION = "Function";

  /** Rows of a file, counted once when the importer has read it all. */
  public static final String ROWS_READ = "RowsRead";
  public static final String ROWS_QUEUED = "RowsQueued";
  public static final String ROWS_REJECTED = "RowsRejected";
  /** Seconds from the import's start to the end of reading its file, and rows read per second over them. */
  public static final String READ_SECONDS = "ImportReadSeconds";
  public static final String ROWS_READ_PER_SECOND = "RowsReadPerSecond";
  /** Imports that failed as a whole (a bad header, a file that is not UTF-8...). */
  public static final String IMPORTS_FAILED = "ImportsFailed";
  /** Per writer invocation: rows written, rows whose message failed its last try, messages, messages failed. */
  public static final String ROWS_WRITTEN = "RowsWritten";
  public static final String ROWS_DEAD_LETTERED = "RowsDeadLettered";
  public static final String BATCH_MESSAGES = "WriterBatchMessages";
  public static final String FAILED_MESSAGES = "WriterFailedMessages";
  /** Per writer invocation: items the table handed back unprocessed and the writer sent again; calls it throttled. */
  public static final String RETRIED_ITEMS = "WriterRetriedItems";
  public static final String THROTTLED_CALLS = "WriterThrottledCalls";

  private ImportMetrics() {
  }
}
