package dev.todo.usecase;

import dev.todo.domain.ExportFormat;
import dev.todo.domain.ExportStatus;
import dev.todo.domain.TodoFileWriter;
import dev.todo.ports.ExportFiles;
import dev.todo.ports.Deadline;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.ports.ExportTasks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes an export's one file from its segments' parts: claims the assembly, writes the header (the union of the
 * parts' columns), copies each part whose columns are the header's as it is and re-maps the others into parts of a
 * multipart upload of about {@code fileChunkBytes} each, and records after each uploaded part where it is. A run that
 * nears its deadline hands the rest on to a fresh task; a run that crashed is taken over once its lease is out; either
 * way the next run goes on from the last part recorded, so a file of any size is written in as many runs as it takes.
 * A part boundary falls only between two segment parts, so every run cuts the same file into the same parts: a part
 * uploaded twice (a run that stopped after uploading it, before recording it) is uploaded with the same bytes.
 */
final class ExportAssembly {

  private final ExportWork work;
  private final ExportFiles files;
  private final ExportTasks tasks;
  private final Clock clock;
  private final int chunkBytes;
  private final Duration lease;

  ExportAssembly(ExportWork work, ExportFiles files, ExportTasks tasks, Clock clock, int chunkBytes, Duration lease) {
    this.work = work;
    this.files = files;
    this.tasks = tasks;
    this.clock = clock;
    this.chunkBytes = chunkBytes;
    this.lease = lease;
  }

  void assemble(ExportWork.Request request, Deadline deadline) throws IOException {
    List<ExportWork.Segment> segments = work.segments(request);
    if (!segments.stream().allMatch(ExportWork.Segment::done)) {
      return; // the last segment to finish hands the assembly on again
    }
    long now = clock.millis();
    Optional<ExportWork.Assembly> claimed = work.claimAssembly(request.exportId(), UUID.randomUUID().toString(), now,
        now - lease.toMillis());
    if (claimed.isEmpty()) {
      // another run holds it (two segments finished at once, or a task back from the queue after a crash): look again
      // once that run's lease would be out, which it is if the run has died since; a finished export ends the round
      tasks.send(new ExportTask(request.exportId(), ExportTask.ASSEMBLE), lease);
      return;
    }
    SortedSet<String> union = new TreeSet<>();
    List<ExportWork.Part> parts = new ArrayList<>();
    long rows = 0;
    for (ExportWork.Segment segment : segments) {
      union.addAll(segment.columns());
      parts.addAll(segment.parts());
      rows += segment.rows();
    }
    if (union.size() > ExportWorker.MAX_COLUMNS) {
      work.putResult(request.exportId(), new ExportWork.Result(ExportStatus.FAILED, rows, 0, clock.millis(),
          "the todos have " + union.size() + " distinct extra attributes, more than the " + ExportWorker.MAX_COLUMNS
              + " columns an export writes"));
      return;
    }
    ExportWork.Assembly state = claimed.get();
    if (state.uploadId().isEmpty()) {
      state = state.uploading(files.startUpload(request.key(), contentType(request)));
      work.putAssembly(request.exportId(), state);
    }
    List<String> columns = new ArrayList<>(union);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(chunkBytes + (chunkBytes >> 2));
    Writer text = new OutputStreamWriter(chunk, StandardCharsets.UTF_8);
    boolean first = state.nextPart() == 0 && state.eTags().isEmpty();
    TodoFileWriter writer = first ? TodoFileWriter.start(request.exportFormat(), columns, text)
        : TodoFileWriter.rows(request.exportFormat(), columns, text);
    writer.flush();
    for (int p = state.nextPart(); p < parts.size(); p++) {
      ExportWork.Part part = parts.get(p);
      try (InputStream in = files.open(part.key())) {
        if (request.exportFormat() == ExportFormat.JSONL || part.columns().equals(columns)) {
          in.transferTo(chunk); // rows already as the file has them: copied, not read
        } else {
          writer.copy(new InputStreamReader(in, StandardCharsets.UTF_8), part.columns());
          writer.flush();
        }
      }
      if (p + 1 < parts.size() && chunk.size() >= chunkBytes) {
        state = upload(request, state, chunk, p + 1);
        if (work.takenOver(request.exportId(), state)) {
          return; // a later run took it over (this one was thought dead): it goes on from where it found the work
        }
        if (deadline.reached()) {
          work.putAssembly(request.exportId(), state.released());
          tasks.send(new ExportTask(request.exportId(), ExportTask.ASSEMBLE));
          return;
        }
        work.putAssembly(request.exportId(), state);
      }
    }
    if (state.nextPart() < parts.size() || state.eTags().isEmpty()) { // else a run before this one uploaded it
      state = upload(request, state, chunk, parts.size()); // the last part (the header alone, for no rows)
      work.putAssembly(request.exportId(), state);
    }
    files.completeUpload(request.key(), state.uploadId(), state.eTags());
    work.putResult(request.exportId(), new ExportWork.Result(ExportStatus.COMPLETED, rows, state.bytes(), clock.millis(), ""));
    List<String> written = new ArrayList<>();
    for (String name : files.children(ExportWork.partsPrefix(request.exportId()))) {
      written.add(ExportWork.partsPrefix(request.exportId()) + name);
    }
    files.delete(written);
  }

  /** Uploads what {@code chunk} holds as the file's next part, which ends before segment part {@code next}. */
  private ExportWork.Assembly upload(ExportWork.Request request, ExportWork.Assembly state, ByteArrayOutputStream chunk,
      int next) throws IOException {
    int number = state.eTags().size() + 1;
    String eTag = files.uploadPart(request.key(), state.uploadId(), number, chunk.toByteArray());
    ExportWork.Assembly after = state.after(eTag, next, chunk.size(), clock.millis());
    chunk.reset();
    return after;
  }

  private static String contentType(ExportWork.Request request) {
    return switch (request.exportFormat()) {
      case CSV -> "text/csv; charset=utf-8";
      case TSV -> "text/tab-separated-values; charset=utf-8";
      case JSONL -> "application/jsonl; charset=utf-8";
    };
  }
}
