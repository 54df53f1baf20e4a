package dev.todo.ports;

/** Hands an export's work to its workers: a segment to read, or the file to assemble, each run once or more. */
public interface ExportTasks {

  /** Arranges for the task to be run; throws if that cannot be arranged. */
  void send(ExportTask task);

  /** Segment {@code segment} of export {@code exportId} to read (or read on), or with {@link #ASSEMBLE} its file to write. */
  record ExportTask(String exportId, int segment) {

    /** The segment number of the task that assembles the export's file from its segments' parts. */
    public static final int ASSEMBLE = -1;

    public boolean assembles() {
      return segment == ASSEMBLE;
    }
  }
}
