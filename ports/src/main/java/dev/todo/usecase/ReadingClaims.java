package dev.todo.usecase;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.ports.Continuations;
import dev.todo.ports.Continuations.Turn;
import dev.todo.ports.ImportJournal;
import java.time.Clock;
import java.time.Duration;

/**
 * A run's claim on reading an import's file, kept in the journal: taken when the run starts, extended by every send
 * and handed to the run's own next turn at a pause; given up when the run fails. A run that finds the claim held
 * looks again once it would run out.
 */
final class ReadingClaims {

  /** How long a claim stands after the run's last send, pause or start; a run silent for longer has died. */
  static final Duration LEASE = Duration.ofSeconds(60);
  /** A look again comes this long after the claim it waits for would run out, so that it finds the claim out. */
  private static final Duration LOOK_AGAIN_SLACK = Duration.ofSeconds(1);

  private final ImportJournal journal;
  private final Continuations continuations;
  private final Clock clock;

  ReadingClaims(ImportJournal journal, Continuations continuations, Clock clock) {
    this.journal = journal;
    this.continuations = continuations;
    this.clock = clock;
  }

  ImportJournal.Claim claim(ImportId id, String run) {
    return journal.claimProducer(id, run, clock.millis(), leaseFromNow());
  }

  /** Records the run's progress and extends its claim; false when the run holds it no longer. */
  boolean extend(ImportId id, String run, ImportProgress progress) {
    return journal.recordProgress(id, run, progress, leaseFromNow());
  }

  /** Records that the run is about to hand the queue the rows up to {@code sendingThrough}; false when it lost its claim. */
  boolean sending(ImportId id, String run, long sendingThrough) {
    return journal.recordSending(id, run, sendingThrough, leaseFromNow());
  }

  /** Records the checkpoint and schedules the run's own next turn; false (nothing scheduled) when it holds the claim no longer. */
  boolean pause(String run, Checkpoint checkpoint) {
    if (!journal.recordPause(checkpoint.importId(), run, checkpoint, leaseFromNow())) {
      return false;
    }
    continuations.schedule(Turn.goOn(checkpoint.source(), run), Duration.ZERO);
    return true;
  }

  /** Gives the claim of a run that failed up, so that the platform's retry goes on at once; keeps {@code failure} whole. */
  void release(ImportId id, String run, Exception failure) {
    try {
      journal.releaseProducer(id, run);
    } catch (RuntimeException alsoFailed) {
      failure.addSuppressed(alsoFailed);
    }
  }

  /** Another run holds the import until {@code until}: a look again once that claim would run out. */
  ImportOutcome defer(ObjectRef ref, ImportRecord record, long until) {
    continuations.schedule(Turn.lookAgain(ref), Duration.ofMillis(Math.max(0, until - clock.millis())).plus(LOOK_AGAIN_SLACK));
    return new ImportOutcome.Deferred(record, until);
  }

  /**
   * Another run took the import over (this one was silent past its lease): this one stops, leaves the reading to that
   * run and looks again in a lease, in case that one dies too.
   */
  ImportOutcome lost(ObjectRef ref, ImportId id) {
    ImportRecord record = journal.find(id).orElseThrow();
    return record.producerDone() ? new ImportOutcome.AlreadyImported(record) : defer(ref, record, leaseFromNow());
  }

  private long leaseFromNow() {
    return clock.millis() + LEASE.toMillis();
  }
}
