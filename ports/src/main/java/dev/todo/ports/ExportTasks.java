package dev.todo.ports;

import java.time.Duration;

/** Hands an export's work to its workers: a segment to read, or the file to assemble, each run once or more. */
public interface ExportTasks {

  /** The longest a task can wait before it runs (SQS's longest message delay). */
  Duration MAX_DELAY = Duration.ofMinutes(15);

  /** Arranges for the task to be run; throws if that cannot be arranged. */
  default void send(ExportTask task) {
    send(task, Duration.ZERO);
  }

  /** Arranges for the task to be run once {@code delay} (at most {@link #MAX_DELAY}) has passed. */
  void send(ExportTask task, Duration delay);

  /** Segment {@code segment} of export {@code exportId} to read (or read on), or with {@link #ASSEMBLE} its file to write. */
  record ExportTask(String exportId, int segment) {

    /** The segment number of the task that assembles the export's file from its segments' parts. */
    public static final int ASSEMBLE = -1;

    public boolean assembles() {
      return segment == ASSEMBLE;
    }
  }
}
