package dev.todo.usecase;

/**
 * What an earlier run of the import queued of a run's messages. A run that takes over reads the file from the last
 * checkpoint, but the messages that start before the progress recorded when it claimed are on the queue already (a
 * run records its progress only after the queue took the send): it does not send them again. Those up to where an
 * earlier run said it was sending, it may have sent and died before it recorded them: they go again, marked, so that
 * the writer writes their rows only where absent and never over what a person changed since.
 */
final class QueuedBefore {

  /** Whether a message was queued before. */
  enum Queued { YES, PERHAPS, NO }

  private final long recordedRowsRead;
  private final long sendingThrough;

  /** {@code recordedRowsRead}: the progress recorded when the run claimed; {@code sendingThrough}: see the claim. */
  QueuedBefore(long recordedRowsRead, long sendingThrough) {
    this.recordedRowsRead = recordedRowsRead;
    this.sendingThrough = sendingThrough;
  }

  /** Whether the message that starts after {@code rowsReadBefore} rows of the file was queued before. */
  Queued of(long rowsReadBefore) {
    if (rowsReadBefore < recordedRowsRead) {
      return Queued.YES;
    }
    return rowsReadBefore < sendingThrough ? Queued.PERHAPS : Queued.NO;
  }
}
