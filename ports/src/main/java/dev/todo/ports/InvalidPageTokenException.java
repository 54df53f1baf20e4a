package dev.todo.ports;

/** A continuation token that the repository did not hand out. */
public final class InvalidPageTokenException extends RuntimeException {

  public InvalidPageTokenException(String message) {
    super(message);
  }
}
