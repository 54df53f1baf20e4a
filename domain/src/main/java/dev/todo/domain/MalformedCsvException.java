package dev.todo.domain;

import java.io.IOException;

/** The CSV text cannot be split into records from {@code line} on (an unterminated quoted field). */
public final class MalformedCsvException extends IOException {

  private final long line;

  public MalformedCsvException(long line, String message) {
    super(message);
    this.line = line;
  }

  public long line() {
    return line;
  }
}
