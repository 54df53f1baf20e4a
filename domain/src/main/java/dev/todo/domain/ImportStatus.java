package dev.todo.domain;

/** Where an import stands. */
public enum ImportStatus {
  /** Rows are still being read or written. */
  RUNNING,
  /** Every row is in the table. */
  COMPLETED,
  /** Every good row is in the table and some rows were rejected (see the error report). */
  COMPLETED_WITH_ERRORS,
  /**
   * Every row is in the table, the error report or the dead-letter queue, and some ({@code rowsFailed}) are in the
   * dead-letter queue: once the cause is fixed, a redrive writes them and the import becomes COMPLETED (or
   * COMPLETED_WITH_ERRORS).
   */
  PARTIALLY_FAILED,
  /** The file could not be imported as a whole (see the failure). */
  FAILED
}
