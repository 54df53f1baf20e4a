package dev.todo.usecase;

import dev.todo.ports.InvalidPageTokenException;
import dev.todo.ports.Page;
import java.util.Optional;
import java.util.function.BiFunction;

/** A listing's paging, as the REST API takes it: {@code limit} (10 unless given, 1 to 100) and {@code next_token}. */
final class Paging {

  static final int DEFAULT_PAGE_SIZE = 10;
  static final int MAX_PAGE_SIZE = 100;

  private Paging() {
  }

  /** One page from {@code list}, or why the request's limit or token is not valid. */
  static <T> Result<Page<T>> page(Optional<String> limit, Optional<String> token,
      BiFunction<Integer, Optional<String>, Page<T>> list) {
    int size = DEFAULT_PAGE_SIZE;
    if (limit.isPresent()) {
      try {
        size = Integer.parseInt(limit.get().strip());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > MAX_PAGE_SIZE) {
        return new Result.Invalid<>("limit must be a whole number from 1 to " + MAX_PAGE_SIZE + ", was '" + limit.get() + "'");
      }
    }
    try {
      return new Result.Ok<>(list.apply(size, token.filter(t -> !t.isBlank())));
    } catch (InvalidPageTokenException e) {
      return new Result.Invalid<>("next_token is not valid: " + e.getMessage());
    }
  }
}
