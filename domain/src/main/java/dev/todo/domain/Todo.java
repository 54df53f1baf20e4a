package dev.todo.domain;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A todo as the service stores it; times are epoch milliseconds, {@code attributes} holds any extra string
 * attributes (for example extra CSV columns), and {@code version} counts the writes that changed it (1 when first
 * written; 0 for an item stored before versions existed), so a client can say which one it read.
 */
public record Todo(String todoId, String name, boolean completed, long createdAt, long updatedAt,
                   Map<String, String> attributes, long version) {

  /** The version of a todo as first written. */
  public static final long FIRST_VERSION = 1;

  /**
   * The attribute that names the import which last wrote a todo; a person's change through the API removes it.
   * Its events carry it, so a consumer can tell an import's rows from a person's todos (and not mail each).
   */
  public static final String IMPORT_ID = "importId";

  public Todo {
    Objects.requireNonNull(todoId, "todoId");
    Objects.requireNonNull(name, "name");
    attributes = attributes.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** A todo as first written. */
  public Todo(String todoId, String name, boolean completed, long createdAt, long updatedAt,
      Map<String, String> attributes) {
    this(todoId, name, completed, createdAt, updatedAt, attributes, FIRST_VERSION);
  }

  public Todo(String todoId, String name, boolean completed, long createdAt, long updatedAt) {
    this(todoId, name, completed, createdAt, updatedAt, Map.of());
  }

  /** This todo as the import {@code importId} writes it. */
  public Todo writtenBy(ImportId importId) {
    Map<String, String> marked = new TreeMap<>(attributes);
    marked.put(IMPORT_ID, importId.value());
    return new Todo(todoId, name, completed, createdAt, updatedAt, marked, version);
  }

  /** This todo without the mark of the import that wrote it: what a person's change stores. */
  public Todo writtenByAPerson() {
    if (!attributes.containsKey(IMPORT_ID)) {
      return this;
    }
    Map<String, String> unmarked = new TreeMap<>(attributes);
    unmarked.remove(IMPORT_ID);
    return new Todo(todoId, name, completed, createdAt, updatedAt, unmarked, version);
  }
}
