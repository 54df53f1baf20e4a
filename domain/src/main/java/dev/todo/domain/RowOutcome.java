package dev.todo.domain;

import java.util.List;

/** What became of one CSV data row: accepted as a todo, or rejected with its line, column and reason. */
public sealed interface RowOutcome {

  long line();

  /** The row is a valid todo. */
  record Accepted(TodoRow row) implements RowOutcome {
    @Override
    public long line() {
      return row.line();
    }
  }

  /**
   * The row is bad; {@code column} is empty when the whole row is at fault; {@code values} are the row's fields as
   * the file had them, or none where the row could not be kept (too long, or swallowed by an open quote).
   */
  record Rejected(long line, String column, String reason, List<String> values) implements RowOutcome {

    public Rejected {
      values = List.copyOf(values);
    }

    /** A rejection that keeps none of the row's values. */
    public Rejected(long line, String column, String reason) {
      this(line, column, reason, List.of());
    }
  }
}
