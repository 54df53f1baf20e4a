package dev.todo.usecase;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.Compression;
import dev.todo.domain.ErrorReport;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportFileException;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.MessagePacker;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.ReadPosition;
import dev.todo.domain.RowMessageCodec;
import dev.todo.domain.RowOutcome;
import dev.todo.domain.RowReader;
import dev.todo.domain.ShortText;
import dev.todo.ports.Continuations;
import dev.todo.ports.Deadline;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.ObjectNotFoundException;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import dev.todo.ports.StoredObject;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports one uploaded file: streams it (decompressing gzip or zstd as its first bytes say), reads it in the format its
 * metadata or its extension gives ({@link FileFormat}; both in {@link RowReaders}), turns its rows into todos, packs the good
 * ones into queue messages and lists the bad ones in an error report, keeping the journal's counters.
 * A run can stop at a deadline: it schedules a continuation with a checkpoint from which {@link #resume} queues
 * exactly the rest.
 */
public final class ImportService {

  private final ObjectSource objects;
  private final RowQueue queue;
  private final ImportJournal journal;
  private final Continuations continuations;
  private final Clock clock;
  private final ImportSettings settings;

  public ImportService(ObjectSource objects, RowQueue queue, ImportJournal journal, Continuations continuations,
                       Clock clock, ImportSettings settings) {
    this.objects = objects;
    this.queue = queue;
    this.journal = journal;
    this.continuations = continuations;
    this.clock = clock;
    this.settings = settings;
  }

  /** Imports the object from its start; a duplicate notification for a finished import does nothing. */
  public ImportOutcome start(ObjectRef ref, Deadline deadline) throws IOException {
    ImportRecord record = journal.begin(ImportRecord.started(ref, clock.millis()));
    if (record.producerDone()) {
      return new ImportOutcome.AlreadyImported(record);
    }
    StoredObject object;
    try {
      object = objects.open(ref, 0);
    } catch (ObjectNotFoundException e) {
      return fail(record, e.getMessage());
    }
    try (object) {
      RowReaders.Opened file;
      try {
        file = RowReaders.fromStart(object, ref.key(), record);
      } catch (ImportFileException e) {
        return fail(record, e.getMessage());
      }
      return run(new Run(ref, record, file.reader(), file.compression(), file.format().kind(), file.format().delimiter(),
          ErrorReport.forColumns(file.reader().reportColumns())), ImportProgress.NONE, deadline);
    }
  }

  /** Continues a paused import from its checkpoint. */
  public ImportOutcome resume(Checkpoint checkpoint, Deadline deadline) throws IOException {
    ObjectRef ref = checkpoint.source();
    ImportRecord record = journal.find(checkpoint.importId())
        .orElseThrow(() -> new IllegalStateException("no journal record for import " + checkpoint.importId()));
    if (record.producerDone()) {
      return new ImportOutcome.AlreadyImported(record);
    }
    StoredObject object;
    try {
      object = objects.open(ref, RowReaders.openAt(checkpoint));
    } catch (ObjectNotFoundException e) {
      return fail(record, e.getMessage());
    }
    try (object) {
      RowReader reader = RowReaders.resume(object, checkpoint, record);
      ErrorReport report = ErrorReport.continuing(reader.reportColumns(), objects.readErrorReport(ref).orElse(""));
      return run(new Run(ref, record, reader, checkpoint.compression(), checkpoint.kind(), checkpoint.delimiter(), report),
          checkpoint.progress(), deadline);
    }
  }

  private ImportOutcome run(Run run, ImportProgress progress, Deadline deadline) throws IOException {
    MessagePacker packer = new MessagePacker(run.record.importId(), settings.maxMessageBytes());
    List<Pending> pending = new ArrayList<>();
    int rowsInPacker = 0;
    while (true) {
      ReadPosition before = run.reader.position();
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
        if (packer.fitsAlone(row)) {
          if (!packer.fits(row) || settings.fullAt(rowsInPacker)) {
            progress = progress.queued(rowsInPacker);
            rowsInPacker = 0;
            pending.add(new Pending(packer.take(), new Snapshot(before, progress, run.report.mark())));
            if (pending.size() >= settings.messagesPerSend()) {
              Snapshot committed = send(run, pending);
              if (deadline.reached()) {
                return pause(run, committed);
              }
            }
          }
          packer.add(row, accepted.line());
          rowsInPacker++;
          progress = progress.accepted();
          continue;
        }
        outcome = new RowOutcome.Rejected(accepted.line(), "", "the row takes " + row.length
            + " bytes in a queue message, more than the " + settings.maxMessageBytes() + " a message may hold");
      }
      run.report.add((RowOutcome.Rejected) outcome);
      progress = progress.rejected();
    }
    if (!packer.isEmpty()) {
      progress = progress.queued(rowsInPacker);
      pending.add(new Pending(packer.take(), new Snapshot(run.reader.position(), progress, run.report.mark())));
    }
    if (!pending.isEmpty()) {
      send(run, pending);
    }
    Optional<String> report = progress.rowsRejected() == 0 ? Optional.empty()
        : Optional.of(objects.writeErrorReport(run.ref, run.report.complete(progress.rowsRejected())));
    journal.finishProducer(run.record.importId(), progress, report, clock.millis());
    return new ImportOutcome.Queued(journal.find(run.record.importId()).orElseThrow());
  }

  /** Sends the pending messages; returns the snapshot after the last of them. */
  private Snapshot send(Run run, List<Pending> pending) {
    List<QueueMessage> messages = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      messages.add(new QueueMessage("m" + p.message.firstLine(), p.message.body()));
    }
    List<String> failed = queue.send(messages);
    if (!failed.isEmpty()) {
      throw new QueueSendException(failed);
    }
    Snapshot committed = pending.get(pending.size() - 1).after;
    pending.clear();
    journal.recordProgress(run.record.importId(), committed.progress);
    return committed;
  }

  private ImportOutcome pause(Run run, Snapshot committed) throws IOException {
    run.report.reset(committed.report);
    if (committed.progress.rowsRejected() > 0) {
      objects.writeErrorReport(run.ref, run.report.partial());
    }
    Checkpoint checkpoint = new Checkpoint(run.ref, committed.position, run.reader.continuationHeader(), run.compression,
        run.kind, run.delimiter, committed.progress);
    continuations.schedule(checkpoint);
    return new ImportOutcome.Paused(checkpoint);
  }

  /** The import ends FAILED with a reason short and plain enough for the journal, whatever the file held. */
  private ImportOutcome fail(ImportRecord record, String reason) {
    journal.fail(record.importId(), ShortText.of(reason), clock.millis());
    return new ImportOutcome.Failed(journal.find(record.importId()).orElseThrow());
  }

  /** The state of one run: what it reads and what it has reported. */
  private record Run(ObjectRef ref, ImportRecord record, RowReader reader, Compression compression, FileFormat.Kind kind,
                     char delimiter, ErrorReport report) {
  }

  /** Everything up to {@code position} is accounted for in {@code progress} and the report up to its mark. */
  private record Snapshot(ReadPosition position, ImportProgress progress, ErrorReport.Mark report) {
  }

  private record Pending(MessagePacker.PackedMessage message, Snapshot after) {
  }
}
