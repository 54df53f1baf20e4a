package dev.todo.domain;

/** The file as a whole cannot be imported (no header, no {@code name} column, not UTF-8, ...); nothing after it is queued. */
public final class ImportFileException extends Exception {

  public ImportFileException(String message) {
    super(message);
  }
}
