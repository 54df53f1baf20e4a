package dev.todo.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A change to the fields it names and to nothing else, as a PATCH or an upsert row says it. Applied in one atomic
 * write, so every field it leaves unsaid keeps whatever the stored todo holds at the moment of the write; the write
 * also sets {@code updatedAt}, marks the todo as the import's ({@code writtenBy}) or a person's (no mark), and counts
 * a new version. A patch that meets no stored todo creates one (an upsert): {@code completed} is then false and
 * {@code createdAt} is {@code updatedAt} unless the patch says otherwise.
 */
public record TodoPatch(String todoId, Optional<String> name, Optional<Boolean> completed, Optional<Long> createdAt,
                        long updatedAt, Map<String, String> attributes, Optional<ImportId> writtenBy) {

  public TodoPatch {
    Map<String, String> extras = new TreeMap<>(attributes);
    extras.remove(Todo.IMPORT_ID); // the mark is writtenBy's to set
    attributes = extras.isEmpty() ? Map.of() : Collections.unmodifiableMap(extras);
  }

  /** The todo this patch leaves behind, given what is stored under its id at the moment of the write. */
  public Todo applyTo(Optional<Todo> stored) {
    Todo before = stored.orElseGet(() -> new Todo(todoId, name.orElse(""), false, createdAt.orElse(updatedAt),
        updatedAt, Map.of(), 0));
    Map<String, String> after = new TreeMap<>(before.attributes());
    after.putAll(attributes);
    writtenBy.ifPresentOrElse(id -> after.put(Todo.IMPORT_ID, id.value()), () -> after.remove(Todo.IMPORT_ID));
    return new Todo(todoId, name.orElse(before.name()), completed.orElse(before.completed()),
        createdAt.orElse(before.createdAt()), updatedAt, after, before.version() + 1);
  }

  /** This patch and then {@code later} (of the same todo) as one patch: what {@code later} says wins. */
  public TodoPatch then(TodoPatch later) {
    if (!later.todoId.equals(todoId)) {
      throw new IllegalArgumentException("patches of two todos: " + todoId + ", " + later.todoId);
    }
    Map<String, String> merged = new TreeMap<>(attributes);
    merged.putAll(later.attributes);
    return new TodoPatch(todoId, later.name.or(() -> name), later.completed.or(() -> completed),
        later.createdAt.or(() -> createdAt), later.updatedAt, merged, later.writtenBy);
  }
}
