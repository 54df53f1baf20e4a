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
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes an export's one file from its segments' parts: claims the assembly, writes the header (the union of the
 * parts' columns) and makes the parts of a multipart upload. A segment part whose rows are as the file has them (its
 * columns the header's) and big enough for a part of the file (the store's smallest) becomes one by a copy within the
 * store; the others come first, read, re-mapped where their columns differ, and gathered into parts of about
 * {@code fileChunkBytes} (the last of them with the first part to copy, where what they make is too small for a part).
 * Rows come in the order of the segments within each of the two, as a Scan's do in no order of the todos'. After each
 * part of the file it records where it is. A run that nears its deadline hands the rest on to a fresh task; a run that
 * crashed is taken over once its lease is out; either way the next run goes on from the last part recorded, so a file
 * of any size is written in as many runs as it takes.
 * A part boundary falls only between two segment parts, and which parts are copied depends on the parts alone, so every
 * run cuts the same file into the same parts: a part made twice (by a run that stopped after making it, before
 * recording it) holds the same bytes.
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
    List<ExportWork.Part> written = new ArrayList<>();
    long rows = 0;
    for (ExportWork.Segment segment : segments) {
      union.addAll(segment.columns());
      written.addAll(segment.parts());
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
    // the parts to read first, then those to copy: the first part of the file is read (it begins with the header), and
    // what is read after it gathers into parts before the copies begin
    Map<Boolean, List<ExportWork.Part>> byCopy = written.stream()
        .collect(Collectors.partitioningBy(part -> copied(request, columns, part)));
    List<ExportWork.Part> parts = new ArrayList<>(byCopy.get(false));
    parts.addAll(byCopy.get(true));
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(chunkBytes + (chunkBytes >> 2));
    Writer text = new OutputStreamWriter(chunk, StandardCharsets.UTF_8);
    boolean first = state.nextPart() == 0 && state.eTags().isEmpty();
    TodoFileWriter writer = first ? TodoFileWriter.start(request.exportFormat(), columns, text)
        : TodoFileWriter.rows(request.exportFormat(), columns, text);
    writer.flush();
    for (int p = state.nextPart(); p < parts.size(); p++) {
      ExportWork.Part part = parts.get(p);
      boolean asItIs = asItIs(request, columns, part);
      boolean copied = copied(request, columns, part);
      if (copied && chunk.size() >= files.minPartBytes()) { // what was gathered before it is a part of its own
        state = upload(request, state, chunk, p);
        if (!goesOn(request, state, deadline)) {
          return;
        }
      }
      if (copied && chunk.size() == 0) {
        // rows as the file has them, enough for a part of it: copied within the store, not a byte read here
        String eTag = files.copyPart(request.key(), state.uploadId(), state.eTags().size() + 1, part.key());
        state = state.after(eTag, p + 1, part.bytes(), clock.millis());
      } else {
        try (InputStream in = files.open(part.key())) {
          if (asItIs) {
            in.transferTo(chunk);
          } else {
            writer.copy(new InputStreamReader(in, StandardCharsets.UTF_8), part.columns());
            writer.flush();
          }
        }
        if (p + 1 == parts.size() || chunk.size() < chunkBytes) {
          continue;
        }
        state = upload(request, state, chunk, p + 1);
      }
      if (!goesOn(request, state, deadline)) {
        return;
      }
    }
    if (state.nextPart() < parts.size() || state.eTags().isEmpty()) { // else a run before this one uploaded it
      state = upload(request, state, chunk, parts.size()); // the last part (the header alone, for no rows)
      work.putAssembly(request.exportId(), state);
    }
    files.completeUpload(request.key(), state.uploadId(), state.eTags());
    work.putResult(request.exportId(), new ExportWork.Result(ExportStatus.COMPLETED, rows, state.bytes(), clock.millis(), ""));
    List<String> keys = new ArrayList<>();
    for (String name : files.children(ExportWork.partsPrefix(request.exportId()))) {
      keys.add(ExportWork.partsPrefix(request.exportId()) + name);
    }
    files.delete(keys);
  }

  /** Whether the part's rows are as the file has them: its columns the header's (in JSON Lines, always). */
  private static boolean asItIs(ExportWork.Request request, List<String> columns, ExportWork.Part part) {
    return request.exportFormat() == ExportFormat.JSONL || part.columns().equals(columns);
  }

  /** Whether the part is copied into the file within the store: as the file has it, and big enough for a part of it. */
  private boolean copied(ExportWork.Request request, List<String> columns, ExportWork.Part part) {
    return asItIs(request, columns, part) && part.bytes() >= files.minPartBytes();
  }

  /**
   * After a part of the file: records it and answers true, or answers false when this run stops there: a later run took
   * it over (this one was thought dead, and the later one goes on from where it found the work), or its deadline is
   * near and it hands the rest on.
   */
  private boolean goesOn(ExportWork.Request request, ExportWork.Assembly state, Deadline deadline) throws IOException {
    if (work.takenOver(request.exportId(), state)) {
      return false;
    }
    if (deadline.reached()) {
      work.putAssembly(request.exportId(), state.released());
      tasks.send(new ExportTask(request.exportId(), ExportTask.ASSEMBLE));
      return false;
    }
    work.putAssembly(request.exportId(), state);
    return true;
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
