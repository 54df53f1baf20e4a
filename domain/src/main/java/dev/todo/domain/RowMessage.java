package dev.todo.domain;

import java.util.List;

/** The rows one queue message carries, all from one import and in file order. */
public record RowMessage(ImportId importId, List<TodoRow> rows) {

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
