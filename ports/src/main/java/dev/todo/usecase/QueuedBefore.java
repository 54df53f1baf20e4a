package dev.todo.usecase;

/**
 * What an earlier run of the import queued of a run's messages. A run that is not the first to claim its import reads
 * the file from the last checkpoint, but the messages that start before the progress recorded when it claimed are on
 * the queue already (a run records its progress only after the queue took the send): it does not send them again. The
 * {@code unrecorded} messages after those an earlier run may have sent and died before it recorded them: they go again,
 * marked, so that the writer writes their rows only where absent and never over what a person changed since.
 */
final class QueuedBefore {

  /** Whether a message was queued before. */
  enum Queued { YES, PERHAPS, NO }

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

  /** Whether the next message, which starts after {@code rowsReadBefore} rows of the file, was queued before. */
  Queued next(long rowsReadBefore) {
    if (rowsReadBefore < recordedRowsRead) {
      return Queued.YES;
    }
    if (unrecorded > 0) {
      unrecorded--;
      return Queued.PERHAPS;
    }
    return Queued.NO;
  }
}
