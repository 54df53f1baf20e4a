package dev.todo.usecase;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.Compression;
import dev.todo.domain.ErrorReport;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportFileException;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.ReadPosition;
import dev.todo.domain.RowMessageCodec;
import dev.todo.domain.RowOutcome;
import dev.todo.domain.RowReader;
import dev.todo.domain.ShortText;
import dev.todo.ports.Continuations;
import dev.todo.ports.Continuations.Turn;
import dev.todo.ports.Deadline;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.ObjectNotFoundException;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.QueueMessage;
import dev.todo.usecase.Outbox.Snapshot;
import dev.todo.ports.RowQueue;
import dev.todo.ports.StoredObject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports one uploaded file: streams it (decompressing gzip or zstd as its first bytes say), reads it in the format its
 * metadata or its extension gives ({@link FileFormat}; both in {@link RowReaders}), turns its rows into todos, packs the good
 * ones into queue messages and lists the bad ones in an error report, keeping the journal's counters.
 * One run at a time reads a file ({@link ReadingClaims}): a second notification of the same upload finds the first run's
 * claim and only looks again once it would run out (then the import is over, or its reader has died and is taken over
 * from its last checkpoint). A run can stop at a deadline: it records a checkpoint and schedules itself, from which it
 * queues exactly the rest.
 */
public final class ImportService {

  /**
   * Every so many rows read a run sends what it has packed, records its progress (extending its claim) and looks at
   * its deadline, even where a long stretch of rejected rows fills no message; at a multiple of the rows read, so that
   * every run of the file cuts its messages, and their batch keys, at the same places.
   */
  static final int ROWS_BETWEEN_CHECKS = 100_000;

  private final ObjectSource objects;
  private final RowQueue queue;
  private final ImportJournal journal;
  private final ReadingClaims claims;
  private final Clock clock;
  private final ImportSettings settings;

  public ImportService(ObjectSource objects, RowQueue queue, ImportJournal journal, Continuations continuations,
                       Clock clock, ImportSettings settings) {
    this.objects = objects;
    this.queue = queue;
    this.journal = journal;
    this.claims = new ReadingClaims(journal, continuations, clock);
    this.clock = clock;
    this.settings = settings;
  }

  /** Imports a notified object; a duplicate notification does nothing, or looks again while another run reads it. */
  public ImportOutcome start(ObjectRef ref, Deadline deadline) throws IOException {
    journal.begin(ImportRecord.started(ref, clock.millis()));
    return take(Turn.lookAgain(ref), deadline);
  }

  /**
   * Takes a turn at a begun import: claims it and reads on from where the last run paused (the file's start if none
   * did), unless another run holds it or it is over. A run that fails gives its claim up before it throws, so the
   * platform's retry goes on at once.
   */
  public ImportOutcome take(Turn turn, Deadline deadline) throws IOException {
    ImportId id = ImportId.of(turn.source());
    String run = turn.run().orElseGet(() -> UUID.randomUUID().toString());
    ImportJournal.Claim claim = claims.claim(id, run);
    if (claim instanceof ImportJournal.Claim.Over over) {
      return new ImportOutcome.AlreadyImported(over.record());
    }
    if (claim instanceof ImportJournal.Claim.Held held) {
      return claims.defer(turn.source(), held.record(), held.until());
    }
    ImportJournal.Claim.Claimed claimed = (ImportJournal.Claim.Claimed) claim;
    QueuedBefore queuedBefore = new QueuedBefore(claimed.record().progress().rowsRead(), claimed.sendingThrough());
    try {
      return read(run, queuedBefore, claimed.record(), claimed.resumeFrom(), deadline);
    } catch (IOException | RuntimeException e) {
      claims.release(id, run, e);
      throw e;
    }
  }

  /** Opens the file where the run goes on from (its start, or {@code from}) and reads it. */
  private ImportOutcome read(String runId, QueuedBefore queuedBefore, ImportRecord record, Optional<Checkpoint> from,
      Deadline deadline) throws IOException {
    ObjectRef ref = record.source();
    StoredObject object;
    try {
      object = objects.open(ref, from.map(RowReaders::openAt).orElse(0L));
    } catch (ObjectNotFoundException e) {
      return fail(record, e.getMessage());
    }
    try (object) {
      if (from.isPresent()) {
        Checkpoint c = from.get();
        RowReader reader = RowReaders.resume(object, c, record);
        ErrorReport report = ErrorReport.continuing(reader.reportColumns(), objects.readErrorReport(ref).orElse(""),
            c.position().line());
        return run(new Run(runId, queuedBefore, ref, record, reader, c.compression(), c.kind(), c.delimiter(), report),
            c.progress(), deadline);
      }
      RowReaders.Opened file;
      try {
        file = RowReaders.fromStart(object, ref.key(), record);
      } catch (ImportFileException e) {
        return fail(record, e.getMessage());
      }
      return run(new Run(runId, queuedBefore, ref, record, file.reader(), file.compression(), file.format().kind(),
          file.format().delimiter(), ErrorReport.forColumns(file.reader().reportColumns())), ImportProgress.NONE, deadline);
    }
  }

  private ImportOutcome run(Run run, ImportProgress progress, Deadline deadline) throws IOException {
    Outbox outbox = new Outbox(run.record.importId(), settings, run.queuedBefore);
    long checkedAt = progress.rowsRead();
    while (true) {
      ReadPosition before = run.reader.position();
      if (progress.rowsRead() % ROWS_BETWEEN_CHECKS == 0 && progress.rowsRead() > checkedAt) {
        checkedAt = progress.rowsRead();
        progress = outbox.close(progress, before, run.report.mark());
        Snapshot committed = new Snapshot(before, progress, run.report.mark());
        if (!send(run, outbox, committed)) {
          return claims.lost(run.ref, run.record.importId());
        }
        if (deadline.reached()) {
          return pause(run, committed);
        }
      }
      Optional<RowOutcome> next;
      try {
        next = run.reader.next();
      } catch (ImportFileException e) {
        return fail(run.record, e.getMessage());
      }
      if (next.isEmpty()) {
        break;
      }
      RowOutcome outcome = next.get();
      if (outcome instanceof RowOutcome.Accepted accepted) {
        byte[] row = RowMessageCodec.encodeRow(accepted.row());
        if (outbox.fitsAlone(row)) {
          if (outbox.full(row)) {
            progress = outbox.close(progress, before, run.report.mark());
            if (outbox.waiting() >= settings.messagesPerSend()) {
              Snapshot committed = outbox.afterLast();
              if (!send(run, outbox, committed)) {
                return claims.lost(run.ref, run.record.importId());
              }
              if (deadline.reached()) {
                return pause(run, committed);
              }
            }
          }
          outbox.add(row, accepted.line(), progress.rowsRead());
          progress = progress.accepted();
          continue;
        }
        outcome = new RowOutcome.Rejected(accepted.line(), "", "the row takes " + row.length
            + " bytes in a queue message, more than the " + settings.maxMessageBytes() + " a message may hold");
      }
      run.report.add((RowOutcome.Rejected) outcome);
      progress = progress.rejected();
    }
    progress = outbox.close(progress, run.reader.position(), run.report.mark());
    if (outbox.waiting() > 0 && !send(run, outbox, outbox.afterLast())) {
      return claims.lost(run.ref, run.record.importId());
    }
    Optional<String> report = progress.rowsRejected() == 0 ? Optional.empty()
        : Optional.of(objects.writeErrorReport(run.ref, run.report.complete(progress.rowsRejected())));
    journal.finishProducer(run.record.importId(), progress, report, clock.millis());
    return new ImportOutcome.Queued(journal.find(run.record.importId()).orElseThrow());
  }

  /** Sends the closed messages (if any) and records the progress up to {@code committed}; false when the claim was lost. */
  private boolean send(Run run, Outbox outbox, Snapshot committed) {
    List<QueueMessage> messages = outbox.takeClosed();
    if (!messages.isEmpty() && !claims.sending(run.record.importId(), run.id, committed.progress().rowsRead())) {
      return false;
    }
    List<String> failed = messages.isEmpty() ? List.of() : queue.send(messages);
    if (!failed.isEmpty()) {
      throw new QueueSendException(failed);
    }
    return claims.extend(run.record.importId(), run.id, committed.progress());
  }

  private ImportOutcome pause(Run run, Snapshot committed) throws IOException {
    run.report.reset(committed.report());
    if (committed.progress().rowsRejected() > 0) {
      objects.writeErrorReport(run.ref, run.report.partial());
    }
    Checkpoint checkpoint = new Checkpoint(run.ref, committed.position(), run.reader.continuationHeader(),
        run.compression, run.kind, run.delimiter, committed.progress());
    return claims.pause(run.id, checkpoint) ? new ImportOutcome.Paused(checkpoint)
        : claims.lost(run.ref, run.record.importId());
  }

  /** The import ends FAILED with a reason short and plain enough for the journal, whatever the file held. */
  private ImportOutcome fail(ImportRecord record, String reason) {
    journal.fail(record.importId(), ShortText.of(reason), clock.millis());
    return new ImportOutcome.Failed(journal.find(record.importId()).orElseThrow());
  }

  /** The state of one run: its id (its claim's), what it reads and what it has reported. */
  private record Run(String id, QueuedBefore queuedBefore, ObjectRef ref, ImportRecord record, RowReader reader,
                     Compression compression, FileFormat.Kind kind, char delimiter, ErrorReport report) {
  }
}
