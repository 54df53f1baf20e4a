package dev.todo.usecase;

import dev.todo.domain.ExportStatus;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoFileWriter;
import dev.todo.domain.TodoJson;
import dev.todo.ports.Deadline;
import dev.todo.ports.ExportFiles;
import dev.todo.ports.ExportTasks;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.ports.Page;
import dev.todo.ports.TodoRepository;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Runs an export's tasks. A segment task reads its segment of the table page by page into parts (JSON Lines of whole
 * todos, about {@code partBytes} each) and records after each part where its Scan goes on, so a run stopped by its
 * deadline or killed goes on from the last part, neither repeating nor skipping a todo; the last segment to finish
 * hands on the assembly, which streams every part in order into the export's one file, its header the union of the
 * extra attributes the segments met.
 */
public final class ExportWorker {

  /** The most extra attributes an export writes as columns: more is a failed export, not a file nobody can open. */
  public static final int MAX_COLUMNS = 1_000;

  private final ExportWork work;
  private final ExportFiles files;
  private final TodoRepository todos;
  private final ExportTasks tasks;
  private final Clock clock;
  private final ExportSettings settings;

  public ExportWorker(ExportFiles files, TodoRepository todos, ExportTasks tasks, Clock clock, ExportSettings settings) {
    this.work = new ExportWork(files);
    this.files = files;
    this.todos = todos;
    this.tasks = tasks;
    this.clock = clock;
    this.settings = settings;
  }

  /** Runs the task; a task of an export that is over, or unknown, does nothing. */
  public void run(ExportTask task, Deadline deadline) throws IOException {
    Optional<ExportWork.Request> request = work.request(task.exportId());
    if (request.isEmpty() || work.result(task.exportId()).isPresent()) {
      return;
    }
    if (task.assembles()) {
      assemble(request.get());
    } else {
      readSegment(request.get(), task.segment(), deadline);
    }
  }

  /** Gives the export up with {@code reason} (its task's last delivery failed), unless it is over already. */
  public void fail(ExportTask task, String reason) throws IOException {
    Optional<ExportWork.Request> request = work.request(task.exportId());
    if (request.isPresent() && work.result(task.exportId()).isEmpty()) {
      long rows = work.segments(request.get()).stream().mapToLong(ExportWork.Segment::rows).sum();
      work.putResult(task.exportId(), new ExportWork.Result(ExportStatus.FAILED, rows, 0, clock.millis(), reason));
    }
  }

  private void readSegment(ExportWork.Request request, int segment, Deadline deadline) throws IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ExportWork.Segment state = work.segment(request.exportId(), segment);
    ByteArrayOutputStream part = new ByteArrayOutputStream(Math.min(settings.partBytes(), 1 << 20) + 4096);
    long partRows = 0;
    SortedSet<String> partColumns = new TreeSet<>();
    while (!state.done()) {
      Page<Todo> page = todos.scan(segment, request.segments(), settings.pageSize(), state.token());
      for (Todo todo : page.items()) {
        if (request.filter().matches(todo)) {
          part.writeBytes(TodoJson.line(todo).getBytes(StandardCharsets.UTF_8));
          part.write('\n');
          partRows++;
          todo.attributes().keySet().stream().filter(TodoFileWriter::exported).forEach(partColumns::add);
        }
      }
      boolean last = page.nextToken().isEmpty();
      boolean stopping = !last && deadline.reached();
      if (last || stopping || part.size() >= settings.partBytes()) {
        String key = "";
        if (partRows > 0) {
          key = ExportWork.partKey(request.exportId(), segment, state.parts().size(), run);
          files.put(key, part.toByteArray());
        }
        state = state.after(key, partRows, partColumns, page.nextToken());
        work.putSegment(request.exportId(), segment, state);
        part.reset();
        partRows = 0;
        partColumns.clear();
      } else {
        state = new ExportWork.Segment(state.parts(), state.rows(), state.columns(), page.nextToken().orElse(""), false);
      }
      if (stopping) {
        tasks.send(new ExportTask(request.exportId(), segment));
        return;
      }
    }
    if (work.segments(request).stream().allMatch(ExportWork.Segment::done)) {
      tasks.send(new ExportTask(request.exportId(), ExportTask.ASSEMBLE));
    }
  }

  private void assemble(ExportWork.Request request) throws IOException {
    List<ExportWork.Segment> segments = work.segments(request);
    if (!segments.stream().allMatch(ExportWork.Segment::done)) {
      return; // the last segment to finish hands the assembly on again
    }
    SortedSet<String> columns = new TreeSet<>();
    long rows = 0;
    for (ExportWork.Segment segment : segments) {
      columns.addAll(segment.columns());
      rows += segment.rows();
    }
    if (columns.size() > MAX_COLUMNS) {
      work.putResult(request.exportId(), new ExportWork.Result(ExportStatus.FAILED, rows, 0, clock.millis(),
          "the todos have " + columns.size() + " distinct extra attributes, more than the " + MAX_COLUMNS
              + " columns an export writes"));
      return;
    }
    ExportFiles.Upload upload = files.create(request.key(), contentType(request));
    Counting counted = new Counting(upload);
    try (Writer out = new OutputStreamWriter(counted, StandardCharsets.UTF_8)) {
      TodoFileWriter writer = TodoFileWriter.start(request.exportFormat(), new ArrayList<>(columns), out);
      for (ExportWork.Segment segment : segments) {
        for (String part : segment.parts()) {
          copy(part, writer);
        }
      }
      writer.flush();
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

  private void copy(String part, TodoFileWriter writer) throws IOException {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(files.open(part), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        writer.write(TodoJson.parse(line));
      }
    }
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
