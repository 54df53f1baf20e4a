package dev.todo.domain;

import java.util.Optional;

/** Which todos an export takes: all of them, or those with the given {@code completed}, or written by one import. */
public record ExportFilter(Optional<Boolean> completed, Optional<String> importId) {

  public static final ExportFilter ALL = new ExportFilter(Optional.empty(), Optional.empty());

  public boolean matches(Todo todo) {
    return completed.map(c -> c == todo.completed()).orElse(true)
        && importId.map(id -> id.equals(todo.attributes().get(Todo.IMPORT_ID))).orElse(true);
  }
}
