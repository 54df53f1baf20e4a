package dev.todo.inmemory;

import dev.todo.domain.Todo;
import dev.todo.ports.Page;
import dev.todo.ports.PageTokens;
import dev.todo.ports.TodoRepository;
import dev.todo.ports.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Todos in a sorted map, listed in id order; a test can make the writes of chosen todos fail. */
public final class InMemoryTodoRepository implements TodoRepository {

  private final NavigableMap<String, Todo> todos = new ConcurrentSkipListMap<>();
  private volatile Predicate<Todo> failing = t -> false;
  private final AtomicLong writeCalls = new AtomicLong();

  @Override
  public WriteResult writeBatch(List<Todo> batch) {
    writeCalls.incrementAndGet();
    Set<String> failed = new HashSet<>();
    for (Todo todo : batch) {
      if (failing.test(todo)) {
        failed.add(todo.todoId());
      } else {
        todos.put(todo.todoId(), todo);
      }
    }
    return new WriteResult(failed, 0, 0);
  }

  @Override
  public Optional<Todo> get(String todoId) {
    return Optional.ofNullable(todos.get(todoId));
  }

  @Override
  public Map<String, Todo> getAll(Collection<String> todoIds) {
    Map<String, Todo> found = new HashMap<>();
    todoIds.forEach(id -> get(id).ifPresent(t -> found.put(id, t)));
    return found;
  }

  @Override
  public Page<Todo> list(int limit, Optional<String> token) {
    NavigableMap<String, Todo> rest = token.isEmpty() ? todos : todos.tailMap(PageTokens.lastId(token.get()), false);
    List<Todo> page = new ArrayList<>(limit);
    for (Todo todo : rest.values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(todo);
    }
    boolean more = page.size() == limit && rest.higherKey(page.get(page.size() - 1).todoId()) != null;
    return new Page<>(page, more ? Optional.of(PageTokens.after(page.get(page.size() - 1).todoId())) : Optional.empty());
  }

  @Override
  public boolean replace(Todo todo) {
    return todos.computeIfPresent(todo.todoId(), (id, old) -> todo) != null;
  }

  @Override
  public boolean delete(String todoId) {
    return todos.remove(todoId) != null;
  }

  /** Makes every later write of a matching todo fail (as if the store kept refusing it). */
  public void failWritesWhen(Predicate<Todo> predicate) {
    this.failing = predicate;
  }

  public List<Todo> all() {
    return List.copyOf(todos.values());
  }

  public int size() {
    return todos.size();
  }

  public long writeCalls() {
    return writeCalls.get();
  }
}
