package dev.todo.inmemory;

import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Todos in a sorted map, listed in id order, each write atomic per todo (as DynamoDB's are per item); a test can make
 * the writes of chosen todos fail.
 */
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

  /** A todo's segment is its id's hash modulo the segments; each segment's todos come in id order. */
  @Override
  public Page<Todo> scan(int segment, int segments, int limit, Optional<String> token) {
    if (segment < 0 || segment >= segments) {
      throw new IllegalArgumentException("segment " + segment + " is not one of 0 to " + (segments - 1));
    }
    NavigableMap<String, Todo> rest = token.isEmpty() ? todos : todos.tailMap(PageTokens.lastId(token.get()), false);
    List<Todo> page = new ArrayList<>(limit);
    String last = null;
    for (Todo todo : rest.values()) {
      if (Math.floorMod(todo.todoId().hashCode(), segments) == segment) {
        if (page.size() == limit) {
          return new Page<>(page, Optional.of(PageTokens.after(last)));
        }
        page.add(todo);
        last = todo.todoId();
      }
    }
    return new Page<>(page, Optional.empty());
  }

  @Override
  public WriteResult writeAbsent(List<Todo> batch) {
    writeCalls.incrementAndGet();
    return writeEach(batch.stream().map(t -> Map.entry(t, (UnaryOperator<Todo>) stored -> stored == null ? t : stored)).toList());
  }

  @Override
  public WriteResult upsert(List<TodoPatch> patches) {
    writeCalls.incrementAndGet();
    return writeEach(patches.stream().map(p -> Map.entry(p.applyTo(Optional.empty()),
        (UnaryOperator<Todo>) stored -> p.applyTo(Optional.ofNullable(stored)))).toList());
  }

  /** Each todo's change applied atomically to what is stored under its id; a failing todo is left alone. */
  private WriteResult writeEach(List<Map.Entry<Todo, UnaryOperator<Todo>>> changes) {
    Set<String> failed = new HashSet<>();
    for (Map.Entry<Todo, UnaryOperator<Todo>> change : changes) {
      if (failing.test(change.getKey())) {
        failed.add(change.getKey().todoId());
      } else {
        todos.compute(change.getKey().todoId(), (id, stored) -> change.getValue().apply(stored));
      }
    }
    return new WriteResult(failed, 0, 0);
  }

  @Override
  public Conditional update(TodoPatch patch, Set<Long> versions) {
    return atVersion(patch.todoId(), versions, stored -> Optional.of(patch.applyTo(Optional.of(stored))));
  }

  @Override
  public Conditional delete(String todoId, Set<Long> versions) {
    return atVersion(todoId, versions, stored -> Optional.empty());
  }

  /**
   * Changes the stored todo (to nothing: deletes it) in one atomic step, if there is one and it is at one of
   * {@code versions} (any, when empty).
   */
  private Conditional atVersion(String todoId, Set<Long> versions, Function<Todo, Optional<Todo>> change) {
    Conditional[] outcome = {new Conditional.Missing()};
    todos.computeIfPresent(todoId, (id, stored) -> {
      if (!versions.isEmpty() && !versions.contains(stored.version())) {
        outcome[0] = new Conditional.Stale(stored.version());
        return stored;
      }
      Optional<Todo> after = change.apply(stored);
      outcome[0] = new Conditional.Done(after);
      return after.orElse(null);
    });
    return outcome[0];
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
