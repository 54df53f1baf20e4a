package dev.todo.domain;

/** A queue message body that is not a row message this code can read. */
public final class MalformedMessageException extends Exception {

  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
