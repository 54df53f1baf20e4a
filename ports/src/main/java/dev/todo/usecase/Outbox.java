package dev.todo.usecase;

import dev.todo.domain.ErrorReport;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.MessagePacker;
import dev.todo.domain.ReadPosition;
import dev.todo.ports.QueueMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's row messages on their way to the queue: the one it is packing, and those closed and not yet sent (not
 * those an earlier run queued already, see {@link QueuedBefore}).
 */
final class Outbox {

  /** Everything up to {@code position} is accounted for in {@code progress} and the report up to its mark. */
  record Snapshot(ReadPosition position, ImportProgress progress, ErrorReport.Mark report) {
  }

  private final MessagePacker packer;
  private final ImportSettings settings;
  private final QueuedBefore queuedBefore;
  private final List<QueueMessage> closed = new ArrayList<>();
  private Snapshot afterLast;
  private int rows;
  private long messageFrom; // the rows read before the message being packed

  Outbox(ImportId importId, ImportSettings settings, QueuedBefore queuedBefore) {
    this.packer = new MessagePacker(importId, settings.maxMessageBytes());
    this.settings = settings;
    this.queuedBefore = queuedBefore;
  }

  /** Whether a message could hold this encoded row at all. */
  boolean fitsAlone(byte[] row) {
    return packer.fitsAlone(row);
  }

  /** Whether the message being packed has no room for this row: it must be closed first. */
  boolean full(byte[] row) {
    return !packer.fits(row) || settings.fullAt(rows);
  }

  /** Adds an accepted row to the message being packed, {@code rowsReadBefore} rows of the file before it. */
  void add(byte[] row, long line, long rowsReadBefore) {
    if (rows++ == 0) {
      messageFrom = rowsReadBefore;
    }
    packer.add(row, line);
  }

  /**
   * Closes the message being packed, if it holds rows, where the file is at {@code at}; answers the progress with its
   * rows queued.
   */
  ImportProgress close(ImportProgress progress, ReadPosition at, ErrorReport.Mark report) {
    if (rows == 0) {
      return progress;
    }
    ImportProgress queued = progress.queued(rows);
    QueuedBefore.Queued before = queuedBefore.of(messageFrom);
    MessagePacker.PackedMessage message = packer.take(before == QueuedBefore.Queued.PERHAPS);
    if (before != QueuedBefore.Queued.YES) { // one queued before is on the queue already, or written
      closed.add(new QueueMessage("m" + message.firstLine(), message.body()));
    }
    afterLast = new Snapshot(at, queued, report);
    rows = 0;
    return queued;
  }

  /** How many closed messages wait to be sent. */
  int waiting() {
    return closed.size();
  }

  /** Where the file is after the last message closed. */
  Snapshot afterLast() {
    return afterLast;
  }

  /** The closed messages, handed over to be sent. */
  List<QueueMessage> takeClosed() {
    List<QueueMessage> messages = List.copyOf(closed);
    closed.clear();
    return messages;
  }
}
