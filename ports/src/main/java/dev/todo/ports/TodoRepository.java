package dev.todo.ports;

import dev.todo.domain.Todo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where todos live. Writes are idempotent: a todo written twice is stored once, as last written. */
public interface TodoRepository {

  /**
   * Writes todos (any number, ids unique within the call), replacing any with the same id. Says which ids could not
   * be written after the adapter's own retries (none: all were), and how much retrying it took.
   */
  WriteResult writeBatch(List<Todo> todos);

  Optional<Todo> get(String todoId);

  /** The stored todos among {@code todoIds} (any number, duplicates allowed), by id; unknown ids are left out. */
  Map<String, Todo> getAll(Collection<String> todoIds);

  /**
   * One page of todos in a stable order; pass a page's {@code nextToken} to get the next.
   *
   * @throws InvalidPageTokenException if {@code token} is not one this repository handed out
   */
  Page<Todo> list(int limit, Optional<String> token);

  /** Stores the todo only if one with its id exists; returns whether it did. */
  boolean replace(Todo todo);

  /** Deletes the todo; returns whether it existed. */
  boolean delete(String todoId);
}
