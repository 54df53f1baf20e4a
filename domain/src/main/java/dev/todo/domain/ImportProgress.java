package dev.todo.domain;

/** The producer's counters: data rows read from the file, queued, and rejected. */
public record ImportProgress(long rowsRead, long rowsQueued, long rowsRejected) {

  public static final ImportProgress NONE = new ImportProgress(0, 0, 0);

  public ImportProgress accepted() {
    return new ImportProgress(rowsRead + 1, rowsQueued, rowsRejected);
  }

  public ImportProgress rejected() {
    return new ImportProgress(rowsRead + 1, rowsQueued, rowsRejected + 1);
  }

  public ImportProgress queued(int rows) {
    return new ImportProgress(rowsRead, rowsQueued + rows, rowsRejected);
  }

  /** Counter by counter the larger: progress reported twice, or out of order, never goes back. */
  public ImportProgress max(ImportProgress other) {
    return new ImportProgress(Math.max(rowsRead, other.rowsRead), Math.max(rowsQueued, other.rowsQueued),
        Math.max(rowsRejected, other.rowsRejected));
  }
}
