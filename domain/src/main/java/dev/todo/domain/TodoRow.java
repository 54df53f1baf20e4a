package dev.todo.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An accepted CSV row: the todo it describes and the file line it starts on. A row that names its {@code todoId}
 * is an upsert: a todo stored under that id keeps what the row leaves unsaid ({@code unstated}: {@code completed}
 * and {@code createdAt} when their cells are blank or missing) and the extra attributes the row does not give.
 */
public record TodoRow(long line, Todo todo, boolean upsert, Set<String> unstated) {

  public TodoRow {
    unstated = Set.copyOf(unstated);
  }

  /** A row that creates its todo (no {@code todoId} in the file): nothing to merge. */
  public TodoRow(long line, Todo todo) {
    this(line, todo, false, Set.of());
  }

  /** The todo to store, given what is stored under its id now. */
  public Todo onto(Optional<Todo> stored) {
    if (!upsert || stored.isEmpty()) {
      return todo;
    }
    Todo before = stored.get();
    Map<String, String> attributes = new HashMap<>(before.attributes());
    attributes.putAll(todo.attributes());
    return new Todo(todo.todoId(), todo.name(),
        unstated.contains(CsvHeader.COMPLETED) ? before.completed() : todo.completed(),
        unstated.contains(CsvHeader.CREATED_AT) ? before.createdAt() : todo.createdAt(),
        todo.updatedAt(), attributes);
  }
}
