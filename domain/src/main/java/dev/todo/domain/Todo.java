package dev.todo.domain;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A todo as the service stores it; times are epoch milliseconds and {@code attributes} holds any extra
 * string attributes (for example extra CSV columns).
 */
public record Todo(String todoId, String name, boolean completed, long createdAt, long updatedAt,
                   Map<String, String> attributes) {

  public Todo {
    Objects.requireNonNull(todoId, "todoId");
    Objects.requireNonNull(name, "name");
    attributes = attributes.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  public Todo(String todoId, String name, boolean completed, long createdAt, long updatedAt) {
    this(todoId, name, completed, createdAt, updatedAt, Map.of());
  }
}
