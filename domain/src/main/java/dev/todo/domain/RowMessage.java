package dev.todo.domain;

import java.util.List;

/**
 * The rows one queue message carries, all from one import and in file order; {@code again} when an earlier run of the
 * import may have queued the same rows before (a run that took over, or the platform's retry of one that failed), so a
 * writer must not overwrite what a person changed since they were first written.
 */
public record RowMessage(ImportId importId, List<TodoRow> rows, boolean again) {

  /** Rows queued for the first time. */
  public RowMessage(ImportId importId, List<TodoRow> rows) {
    this(importId, rows, false);
  }

  public RowMessage {
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a row message carries at least one row");
    }
  }

  /**
   * Names this message's rows within the import: the same rows packed again (a duplicate notification, a
   * redelivery) get the same key, which is what lets the journal count them once.
   */
  public String batchKey() {
    return importId.value() + ":" + rows.get(0).line();
  }
}
