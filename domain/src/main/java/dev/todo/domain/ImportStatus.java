package dev.todo.domain;

/** Where an import stands. */
public enum ImportStatus {
  /** Rows are still being read or written. */
  RUNNING,
  /** Every row is in the table. */
  COMPLETED,
  /** Every good row is in the table and some rows were rejected (see the error report). */
  COMPLETED_WITH_ERRORS,
  /** The file could not be imported as a whole (see the failure). */
  FAILED
}
