package dev.todo.domain;

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

  /** The row is bad; {@code column} is empty when the whole row is at fault. */
  record Rejected(long line, String column, String reason) implements RowOutcome {
  }
}
