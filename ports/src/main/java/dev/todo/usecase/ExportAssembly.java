package dev.todo.usecase;

import dev.todo.domain.ExportFormat;
import dev.todo.domain.ExportStatus;
import dev.todo.domain.TodoFileWriter;
import dev.todo.ports.ExportFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes an export's one file from its segments' parts, once: claims the assembly, writes the header (the union of
 * the parts' columns), copies each part whose columns are the header's as it is and re-maps the others, all streamed
 * into one upload; then records the result and deletes the parts.
 */
final class ExportAssembly {

  private final ExportWork work;
  private final ExportFiles files;
  private final Clock clock;

  ExportAssembly(ExportWork work, ExportFiles files, Clock clock) {
    this.work = work;
    this.files = files;
    this.clock = clock;
  }

  void assemble(ExportWork.Request request) throws IOException {
    List<ExportWork.Segment> segments = work.segments(request);
    if (!segments.stream().allMatch(ExportWork.Segment::done)) {
      return; // the last segment to finish hands the assembly on again
    }
    long now = clock.millis();
    if (!work.claimAssembly(request.exportId(), UUID.randomUUID().toString(), now, now - ExportWorker.ASSEMBLY_LEASE.toMillis())) {
      return; // another task of the same assembly runs it
    }
    SortedSet<String> union = new TreeSet<>();
    long rows = 0;
    for (ExportWork.Segment segment : segments) {
      union.addAll(segment.columns());
      rows += segment.rows();
    }
    if (union.size() > ExportWorker.MAX_COLUMNS) {
      work.putResult(request.exportId(), new ExportWork.Result(ExportStatus.FAILED, rows, 0, clock.millis(),
          "the todos have " + union.size() + " distinct extra attributes, more than the " + ExportWorker.MAX_COLUMNS
              + " columns an export writes"));
      return;
    }
    List<String> columns = new ArrayList<>(union);
    ExportFiles.Upload upload = files.create(request.key(), contentType(request));
    Counting counted = new Counting(upload);
    try (Writer out = new OutputStreamWriter(counted, StandardCharsets.UTF_8)) {
      TodoFileWriter writer = TodoFileWriter.start(request.exportFormat(), columns, out);
      writer.flush();
      for (ExportWork.Segment segment : segments) {
        for (ExportWork.Part part : segment.parts()) {
          try (InputStream in = files.open(part.key())) {
            if (request.exportFormat() == ExportFormat.JSONL || part.columns().equals(columns)) {
              in.transferTo(counted); // rows already as the file has them: copied, not read
            } else {
              writer.copy(new InputStreamReader(in, StandardCharsets.UTF_8), part.columns());
              writer.flush();
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      upload.abort();
      throw e;
    }
    work.putResult(request.exportId(), new ExportWork.Result(ExportStatus.COMPLETED, rows, counted.count, clock.millis(), ""));
    List<String> parts = new ArrayList<>();
    for (String name : files.children(ExportWork.partsPrefix(request.exportId()))) {
      parts.add(ExportWork.partsPrefix(request.exportId()) + name);
    }
    files.delete(parts);
  }

  private static String contentType(ExportWork.Request request) {
    return switch (request.exportFormat()) {
      case CSV -> "text/csv; charset=utf-8";
      case TSV -> "text/tab-separated-values; charset=utf-8";
      case JSONL -> "application/jsonl; charset=utf-8";
    };
  }

  /** Counts the bytes the file gets. */
  private static final class Counting extends FilterOutputStream {
    private long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
