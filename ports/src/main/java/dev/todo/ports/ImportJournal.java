package dev.todo.ports;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.RowMessage;
import java.util.List;
import java.util.Optional;

/**
 * Each import's record: status, counters and times. Counters are exact under retries: progress only moves
 * forward and a batch of written rows is counted once however often it is delivered.
 */
public interface ImportJournal {

  /** Stores {@code fresh} unless a record with its id exists; returns the stored record either way. */
  ImportRecord begin(ImportRecord fresh);

  Optional<ImportRecord> find(ImportId id);

  /**
   * Imports, the most recently started first, only those of {@code objectKey} if given; one page of at most
   * {@code limit}, then pass its {@code nextToken} for the next.
   *
   * @throws InvalidPageTokenException if {@code token} is not one this journal handed out
   */
  Page<ImportRecord> list(int limit, Optional<String> objectKey, Optional<String> token);

  /** Raises the producer's counters to {@code progress} (a lower value never lowers them). */
  void recordProgress(ImportId id, ImportProgress progress);

  /** The producer has read the whole file; {@code errorReport} is where its rejected rows are listed. */
  void finishProducer(ImportId id, ImportProgress progress, Optional<String> errorReport, long at);

  /** The file could not be imported as a whole. */
  void fail(ImportId id, String reason, long at);

  /** One import's batch of rows (a queue message), written and to be counted once under {@code batchKey}. */
  record Written(ImportId importId, String batchKey, int rows) {

    /** The batch one row message carries. */
    public static Written of(RowMessage message) {
      return new Written(message.importId(), message.batchKey(), message.rows().size());
    }
  }

  /**
   * Adds each batch's rows to its import's written count, unless that batch key was counted before: recording a
   * batch again, however often and from however many writers, leaves the count and its time as they were.
   */
  void recordWritten(List<Written> batches, long at);

  /**
   * These batches failed on their queue message's last receive, so the message goes to the dead-letter queue: their
   * rows count as failed until the same batch key is recorded written (by a redrive), however often either happens.
   */
  void recordDeadLettered(List<Written> batches, long at);

  /** {@link #recordWritten(List, long)} for one batch. */
  default void recordWritten(ImportId id, String batchKey, int rows, long at) {
    recordWritten(List.of(new Written(id, batchKey, rows)), at);
  }

  /** Whether the import's end in {@code status} has been announced (see {@link #markAnnounced}). */
  boolean announced(ImportId id, ImportStatus status);

  /**
   * Notes that the import's end in {@code status} was announced, so it is not announced again; an import announces
   * each final status it reaches once (a redrive can take it from PARTIALLY_FAILED to COMPLETED).
   */
  void markAnnounced(ImportId id, ImportStatus status, long at);
}
