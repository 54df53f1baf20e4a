package dev.todo.ports;

import java.io.IOException;

/** The object, or the version of it that an import was started for, no longer exists. */
public final class ObjectNotFoundException extends IOException {

  public ObjectNotFoundException(String message) {
    super(message);
  }

  public ObjectNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
