package dev.todo.domain;

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

  /**
   * This row as the patch the import {@code importId} writes: the row sets what it says; what an upsert row leaves
   * unsaid ({@code unstated}, blank extra columns) keeps whatever the table holds when the patch is written. A row
   * that creates its todo says every field.
   */
  public TodoPatch asPatch(ImportId importId) {
    return new TodoPatch(todo.todoId(), Optional.of(todo.name()),
        unstated.contains(CsvHeader.COMPLETED) ? Optional.empty() : Optional.of(todo.completed()),
        unstated.contains(CsvHeader.CREATED_AT) ? Optional.empty() : Optional.of(todo.createdAt()),
        todo.updatedAt(), todo.attributes(), Optional.of(importId));
  }
}
