package dev.todo.usecase;

import dev.todo.domain.ExportStatus;
import dev.todo.domain.Todo;
import dev.todo.ports.Deadline;
import dev.todo.ports.ExportFiles;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.ports.ExportTasks;
import dev.todo.ports.Page;
import dev.todo.ports.TodoRepository;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an export's tasks. A segment task reads its segment of the table page by page into parts (rows as the file has
 * them, about {@code partBytes} each, see {@link SegmentPart}) and records after each part where its Scan goes on, so
 * a run stopped by its deadline or killed goes on from the last part, neither repeating nor skipping a todo; the last
 * segment to finish hands on the assembly, which makes the export's one file of every part in order, its header the
 * union of the extra attributes the segments met.
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
  private final ExportAssembly assembly;

  public ExportWorker(ExportFiles files, TodoRepository todos, ExportTasks tasks, Clock clock, ExportSettings settings) {
    this.work = new ExportWork(files);
    this.files = files;
    this.todos = todos;
    this.tasks = tasks;
    this.clock = clock;
    this.settings = settings;
    this.assembly = new ExportAssembly(work, files, tasks, clock, settings.fileChunkBytes(), settings.assemblyLease());
  }

  /** Runs the task; a task of an export that is over, or unknown, does nothing. */
  public void run(ExportTask task, Deadline deadline) throws IOException {
    Optional<ExportWork.Request> request = work.request(task.exportId());
    if (request.isEmpty() || work.result(task.exportId()).isPresent()) {
      return;
    }
    if (task.assembles()) {
      assembly.assemble(request.get(), deadline);
    } else {
      readSegment(request.get(), task.segment(), deadline);
    }
  }

  /**
   * Gives the export up with {@code reason} (its task's last delivery failed), unless it is over already, and aborts the
   * file's upload if the assembly had started one: its parts would otherwise be kept (and billed) for nothing.
   */
  public void fail(ExportTask task, String reason) throws IOException {
    Optional<ExportWork.Request> request = work.request(task.exportId());
    if (request.isPresent() && work.result(task.exportId()).isEmpty()) {
      long rows = work.segments(request.get()).stream().mapToLong(ExportWork.Segment::rows).sum();
      work.putResult(task.exportId(), new ExportWork.Result(ExportStatus.FAILED, rows, 0, clock.millis(), reason));
      Optional<ExportWork.Assembly> assembly = work.lastAssembly(task.exportId()).filter(a -> !a.uploadId().isEmpty());
      if (assembly.isPresent()) {
        files.abortUpload(request.get().key(), assembly.get().uploadId());
      }
    }
  }

  private void readSegment(ExportWork.Request request, int segment, Deadline deadline) throws IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ExportWork.Segment state = work.segment(request.exportId(), segment);
    SegmentPart part = new SegmentPart(request.exportFormat(), settings.partBytes());
    // the next page is read while this one is sorted and written out: a Scan call overlaps a part's upload and the
    // segment's state, instead of the three waiting on each other
    ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "export-scan-ahead");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Future<Page<Todo>> next = state.done() ? null : ahead.submit(scan(request, segment, state.token()));
      while (!state.done()) {
        Page<Todo> page = await(next);
        boolean last = page.nextToken().isEmpty();
        boolean stopping = !last && deadline.reached();
        next = last || stopping ? null : ahead.submit(scan(request, segment, page.nextToken()));
        List<Todo> rows = new ArrayList<>(page.items().size());
        for (Todo todo : page.items()) {
          if (request.filter().matches(todo)) {
            rows.add(todo);
          }
        }
        if (part.endsBefore(rows)) { // the part ends where this page begins, and a run going on from it reads the page
          state = state.after(Optional.of(put(request, segment, state, run, part)), state.token());
          work.putSegment(request.exportId(), segment, state);
        }
        part.write(rows);
        if (last || stopping || part.bytes() >= settings.partBytes()) {
          Optional<ExportWork.Part> written = part.isEmpty() ? Optional.empty()
              : Optional.of(put(request, segment, state, run, part));
          state = state.after(written, page.nextToken());
          work.putSegment(request.exportId(), segment, state);
        } else {
          state = new ExportWork.Segment(state.parts(), state.rows(), page.nextToken().orElse(""), false);
        }
        if (stopping) {
          tasks.send(new ExportTask(request.exportId(), segment));
          return;
        }
      }
    } finally {
      ahead.shutdownNow();
    }
    if (work.segments(request).stream().allMatch(ExportWork.Segment::done)) {
      tasks.send(new ExportTask(request.exportId(), ExportTask.ASSEMBLE));
    }
  }

  /** Puts the part as the segment's next and empties it for the one after. */
  private ExportWork.Part put(ExportWork.Request request, int segment, ExportWork.Segment state, String run,
      SegmentPart part) throws IOException {
    String key = ExportWork.partKey(request.exportId(), segment, state.parts().size(), run);
    files.put(key, part.content());
    ExportWork.Part written = new ExportWork.Part(key, part.rows(), part.columns(), part.bytes());
    part.clear();
    return written;
  }

  private Callable<Page<Todo>> scan(ExportWork.Request request, int segment, Optional<String> token) {
    return () -> todos.scan(segment, request.segments(), settings.pageSize(), token);
  }

  /** The page read ahead; what its Scan threw, thrown here. */
  private static Page<Todo> await(Future<Page<Todo>> page) {
    try {
      return page.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the table", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
