package dev.todo.usecase;

/**
 * The answer of a use case: a value, bad input (a REST layer's 400), an unknown id (its 404), or a version that
 * moved on since the caller read it (its 412).
 */
public sealed interface Result<T> {

  record Ok<T>(T value) implements Result<T> {
  }

  record Invalid<T>(String message) implements Result<T> {
  }

  /** No {@code kind} (a todo, an import) has this id. */
  record NotFound<T>(String kind, String id) implements Result<T> {

    public String message() {
      return "no " + kind + " " + id;
    }
  }

  /** The caller asked to change version(s) it read, but the {@code kind} has moved on to {@code current}. */
  record Stale<T>(String kind, String id, long current) implements Result<T> {

    public String message() {
      return kind + " " + id + " has changed since it was read: it is at version " + current;
    }
  }
}
