package dev.todo.usecase;

/** The answer of a use case: a value, bad input (a REST layer's 400), or an unknown id (its 404). */
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
}
