package dev.todo.usecase;

/** The answer of a todo operation: a value, bad input (a REST layer's 400), or an unknown id (its 404). */
public sealed interface Result<T> {

  record Ok<T>(T value) implements Result<T> {
  }

  record Invalid<T>(String message) implements Result<T> {
  }

  record NotFound<T>(String todoId) implements Result<T> {
  }
}
