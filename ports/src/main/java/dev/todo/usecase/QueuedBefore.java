package dev.todo.usecase;

/**
 * Which of a run's messages may carry rows an earlier run of the import queued already: a run that is not the first to
 * claim the import marks those that start before the progress recorded when it claimed, and the {@code unrecorded}
 * messages that follow (an earlier run may have died between a send and its record), so that the writer writes their
 * rows only where absent and never over what a person changed since.
 */
final class QueuedBefore {

  private final long recordedRowsRead;
  private int unrecorded;

  QueuedBefore(long recordedRowsRead, int unrecorded) {
    this.recordedRowsRead = recordedRowsRead;
    this.unrecorded = unrecorded;
  }

  /** For the first run to claim an import: nothing was queued before it. */
  static QueuedBefore nothing() {
    return new QueuedBefore(0, 0);
  }

  /** Whether the next message, which starts after {@code rowsReadBefore} rows of the file, may have been queued before. */
  boolean mayHave(long rowsReadBefore) {
    if (rowsReadBefore < recordedRowsRead) {
      return true;
    }
    if (unrecorded > 0) {
      unrecorded--;
      return true;
    }
    return false;
  }
}
