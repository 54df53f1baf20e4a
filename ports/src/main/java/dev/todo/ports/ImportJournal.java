package dev.todo.ports;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.RowMessage;
import java.util.List;
import java.util.Optional;

/**
 * Each import's record: status, counters and times. Counters are exact under retries: progress only moves
 * forward and a batch of written rows is counted once however often it is delivered. One run at a time reads the
 * file (the producer): it claims the import for a while and extends its claim with every step it records; a run that
 * finds the claim standing leaves the import to its holder, and a claim left to run out (its run died) is taken over.
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

  /** How a claim on reading an import came out. */
  sealed interface Claim {

    /**
     * The run reads the file now: from its start, or from where the last run that paused stopped. The messages that
     * start before the record's progress are on the queue; an earlier run may have handed the queue those up to
     * {@code sendingThrough} rows read (0: none) and died before it recorded them.
     */
    record Claimed(ImportRecord record, Optional<Checkpoint> resumeFrom, long sendingThrough) implements Claim {
    }

    /** Another run's claim stands until {@code until} (epoch millis). */
    record Held(ImportRecord record, long until) implements Claim {
    }

    /** The file has been read to its end, or the import has failed: there is nothing left to read. */
    record Over(ImportRecord record) implements Claim {
    }
  }

  /**
   * Claims reading the begun import {@code id} for {@code run} until {@code until}: granted unless the reading is over
   * or another run's claim stands at {@code now} (a run claiming again extends its own). Two runs claiming at once: one
   * is granted.
   *
   * @throws IllegalStateException if the import was never begun
   */
  Claim claimProducer(ImportId id, String run, long now, long until);

  /**
   * Raises the counters to {@code progress} (a lower value never lowers them) and extends {@code run}'s claim to
   * {@code until}; false, and nothing changed, when {@code run} holds the claim no longer: it must stop reading.
   */
  boolean recordProgress(ImportId id, String run, ImportProgress progress, long until);

  /**
   * {@code run} is about to hand the queue messages with the rows up to {@code sendingThrough} rows read; extends its
   * claim to {@code until}. False, and nothing changed, when {@code run} holds the claim no longer.
   */
  boolean recordSending(ImportId id, String run, long sendingThrough, long until);

  /**
   * {@code run} paused at {@code checkpoint}, keeping its claim until {@code until}: the next run granted the claim goes
   * on from there. False, and nothing changed, when {@code run} holds the claim no longer.
   */
  boolean recordPause(ImportId id, String run, Checkpoint checkpoint, long until);

  /** Gives up {@code run}'s claim at once, if it holds it (the run failed and the platform will retry it). */
  void releaseProducer(ImportId id, String run);

  /**
   * The producer has read the whole file (its counters raised to {@code progress}); {@code errorReport} is where its
   * rejected rows are listed.
   */
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
