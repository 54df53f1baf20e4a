package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.Todo;
import dev.todo.ports.InvalidPageTokenException;
import dev.todo.ports.Page;
import dev.todo.ports.TodoRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link TodoRepository} must do; each test uses ids of its own, so a shared store is fine. */
public abstract class TodoRepositoryContract {

  protected abstract TodoRepository repository();

  /** Ids unique to one test, so tests do not see each other's todos except in listings. */
  private static String id(String test, int n) {
    return test + "-" + n;
  }

  private static Todo todo(String id) {
    return new Todo(id, "do " + id, false, 1_700_000_000_000L, 1_700_000_000_001L, Map.of("project", "p-" + id));
  }

  @Test
  void writesABatchLargerThanOneServiceCall() {
    List<Todo> todos = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      todos.add(todo(id("batch", i)));
    }
    assertThat(repository().writeBatch(todos).notWritten()).isEmpty();
    for (Todo t : todos) {
      assertThat(repository().get(t.todoId())).contains(t);
    }
  }

  @Test
  void writingTheSameTodoAgainKeepsOneCopyAsLastWritten() {
    Todo first = todo(id("idem", 1));
    Todo changed = new Todo(first.todoId(), "renamed", true, first.createdAt(), first.updatedAt() + 5, Map.of());
    repository().writeBatch(List.of(first));
    repository().writeBatch(List.of(first));
    repository().writeBatch(List.of(changed));
    assertThat(repository().get(first.todoId())).contains(changed);
  }

  @Test
  void roundTripsEveryField() {
    Todo t = new Todo(id("fields", 1), "Ünïcödé, \"quoted\"\nline two", true, 1L, Long.MAX_VALUE / 2,
        Map.of("project", "alpha", "empty", "", "note with space", "✓"));
    repository().writeBatch(List.of(t));
    assertThat(repository().get(t.todoId())).contains(t);
  }

  @Test
  void getAllFindsTheStoredOnesAmongMoreIdsThanOneServiceCallTakes() {
    List<Todo> stored = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      asked.add(id("many", i));
      if (i % 3 == 0) {
        stored.add(todo(id("many", i)));
      }
    }
    asked.add(id("many", 0)); // asked twice
    repository().writeBatch(stored);

    Map<String, Todo> found = repository().getAll(asked);

    assertThat(found).hasSize(50);
    stored.forEach(t -> assertThat(found).containsEntry(t.todoId(), t));
    assertThat(repository().getAll(List.of())).isEmpty();
  }

  @Test
  void anUnknownIdIsEmpty() {
    assertThat(repository().get("never-written")).isEmpty();
  }

  @Test
  void listingPagesThroughEveryTodoOnce() {
    List<Todo> todos = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      todos.add(todo(id("page", i)));
    }
    repository().writeBatch(todos);
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    Optional<String> token = Optional.empty();
    int pages = 0;
    do {
      Page<Todo> page = repository().list(5, token);
      assertThat(page.items().size()).isLessThanOrEqualTo(5);
      page.items().forEach(t -> order.add(t.todoId()));
      page.items().forEach(t -> assertThat(seen.add(t.todoId())).as("listed twice: " + t.todoId()).isTrue());
      token = page.nextToken();
      assertThat(++pages).isLessThan(10_000);
    } while (token.isPresent());
    assertThat(seen).containsAll(todos.stream().map(Todo::todoId).toList());
  }

  @Test
  void aForgedTokenIsRejected() {
    assertThatThrownBy(() -> repository().list(5, Optional.of("not-a-token")))
        .isInstanceOf(InvalidPageTokenException.class);
  }

  @Test
  void replaceChangesOnlyAnExistingTodo() {
    Todo t = todo(id("replace", 1));
    assertThat(repository().replace(t)).isFalse();
    assertThat(repository().get(t.todoId())).isEmpty();
    repository().writeBatch(List.of(t));
    Todo done = new Todo(t.todoId(), t.name(), true, t.createdAt(), t.updatedAt() + 1, t.attributes());
    assertThat(repository().replace(done)).isTrue();
    assertThat(repository().get(t.todoId())).contains(done);
  }

  @Test
  void deleteSaysWhetherTheTodoExisted() {
    Todo t = todo(id("delete", 1));
    repository().writeBatch(List.of(t));
    assertThat(repository().delete(t.todoId())).isTrue();
    assertThat(repository().get(t.todoId())).isEmpty();
    assertThat(repository().delete(t.todoId())).isFalse();
  }
}
