package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.ImportId;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
import dev.todo.ports.InvalidPageTokenException;
import dev.todo.ports.Page;
import dev.todo.ports.TodoRepository;
import dev.todo.ports.TodoRepository.Conditional;
import dev.todo.ports.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link TodoRepository} must do; each test uses ids of its own, so a shared store is fine. */
public abstract class TodoRepositoryContract {

  protected abstract TodoRepository repository();

  /**
   * Why the store behind this run cannot take two writes to one item at the same moment, if it cannot (DynamoDB
   * and our fakes can): the concurrent-write test then skips with that reason instead of testing the emulator.
   */
  protected Optional<String> concurrentWritesUnsupported() {
    return Optional.empty();
  }

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
  void theSegmentsOfAParallelScanTogetherHoldEveryTodoOnce() {
    List<Todo> todos = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      todos.add(todo(id("segment", i)));
    }
    repository().writeBatch(todos);
    Map<String, Integer> segmentOf = new HashMap<>();
    for (int segment = 0; segment < 3; segment++) {
      Optional<String> token = Optional.empty();
      int pages = 0;
      do {
        Page<Todo> page = repository().scan(segment, 3, 4, token);
        assertThat(page.items().size()).isLessThanOrEqualTo(4);
        for (Todo t : page.items()) {
          assertThat(segmentOf.put(t.todoId(), segment)).as("scanned twice: " + t.todoId()).isNull();
        }
        token = page.nextToken();
        assertThat(++pages).isLessThan(10_000);
      } while (token.isPresent());
    }
    assertThat(segmentOf).containsKeys(todos.stream().map(Todo::todoId).toArray(String[]::new));
    assertThat(new HashSet<>(segmentOf.values())).as("every segment holds some of 40 todos").hasSize(3);
    assertThat(repository().scan(0, 1, 1_000, Optional.empty()).items()).isNotEmpty();
  }

  @Test
  void aForgedTokenIsRejected() {
    assertThatThrownBy(() -> repository().list(5, Optional.of("not-a-token")))
        .isInstanceOf(InvalidPageTokenException.class);
  }

  private static TodoPatch patch(String id, Optional<String> name, Optional<Boolean> completed, Map<String, String> attributes) {
    return new TodoPatch(id, name, completed, Optional.empty(), 1_800_000_000_000L, attributes, Optional.empty());
  }

  @Test
  void anUpdateChangesOnlyTheFieldsItNamesAndCountsAVersion() {
    Todo t = todo(id("update", 1)).writtenBy(new ImportId("imp-1"));
    repository().writeBatch(List.of(t));

    Conditional outcome = repository().update(patch(t.todoId(), Optional.empty(), Optional.of(true), Map.of("color", "red")), Set.of());

    Map<String, String> attributes = new HashMap<>(t.attributes());
    attributes.remove(Todo.IMPORT_ID); // a person's change
    attributes.put("color", "red");
    Todo expected = new Todo(t.todoId(), t.name(), true, t.createdAt(), 1_800_000_000_000L, attributes, 2);
    assertThat(outcome).isEqualTo(new Conditional.Done(Optional.of(expected)));
    assertThat(repository().get(t.todoId())).contains(expected);
  }

  @Test
  void anUpdateOfAMissingTodoCreatesNothing() {
    String id = id("update", 2);
    assertThat(repository().update(patch(id, Optional.of("x"), Optional.empty(), Map.of()), Set.of()))
        .isEqualTo(new Conditional.Missing());
    assertThat(repository().update(patch(id, Optional.of("x"), Optional.empty(), Map.of()), Set.of(1L)))
        .isEqualTo(new Conditional.Missing());
    assertThat(repository().get(id)).isEmpty();
  }

  @Test
  void anUpdateAtAVersionThatMovedOnIsStaleAndChangesNothing() {
    Todo t = todo(id("update", 3));
    repository().writeBatch(List.of(t));
    assertThat(repository().update(patch(t.todoId(), Optional.of("first"), Optional.empty(), Map.of()), Set.of(1L)))
        .isInstanceOf(Conditional.Done.class);

    assertThat(repository().update(patch(t.todoId(), Optional.of("second"), Optional.empty(), Map.of()), Set.of(1L)))
        .isEqualTo(new Conditional.Stale(2));
    assertThat(repository().get(t.todoId()).orElseThrow().name()).isEqualTo("first");
    assertThat(repository().update(patch(t.todoId(), Optional.of("third"), Optional.empty(), Map.of()), Set.of(7L, 2L)))
        .isInstanceOf(Conditional.Done.class);
    assertThat(repository().get(t.todoId()).orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void twoUpdatesAtTheSameMomentBothLand() throws Exception {
    concurrentWritesUnsupported().ifPresent(reason -> org.junit.jupiter.api.Assumptions.abort(reason));
    List<Todo> todos = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      todos.add(todo(id("race", i)));
    }
    repository().writeBatch(todos);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (Todo t : todos) {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Conditional> rename = pool.submit(() -> {
          start.await();
          return repository().update(patch(t.todoId(), Optional.of("renamed"), Optional.empty(), Map.of()), Set.of());
        });
        Future<Conditional> complete = pool.submit(() -> {
          start.await();
          return repository().update(patch(t.todoId(), Optional.empty(), Optional.of(true), Map.of("color", "blue")), Set.of());
        });
        assertThat(rename.get()).isInstanceOf(Conditional.Done.class);
        assertThat(complete.get()).isInstanceOf(Conditional.Done.class);
        Todo stored = repository().get(t.todoId()).orElseThrow();
        assertThat(stored.name()).isEqualTo("renamed");
        assertThat(stored.completed()).isTrue();
        assertThat(stored.attributes()).containsEntry("color", "blue").containsEntry("project", "p-" + t.todoId());
        assertThat(stored.version()).isEqualTo(3);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUpsertCreatesATodoOrChangesOnlyWhatItSays() {
    ImportId importId = new ImportId("imp-2");
    String fresh = id("upsert", 1);
    Todo stored = new Todo(id("upsert", 2), "before", true, 5L, 6L, Map.of("project", "kept", "color", "red"));
    repository().writeBatch(List.of(stored));

    WriteResult result = repository().upsert(List.of(
        new TodoPatch(fresh, Optional.of("new"), Optional.empty(), Optional.empty(), 10L, Map.of("a", "1"), Optional.of(importId)),
        new TodoPatch(stored.todoId(), Optional.of("after"), Optional.empty(), Optional.empty(), 10L, Map.of("color", "blue"),
            Optional.of(importId))));

    assertThat(result.notWritten()).isEmpty();
    assertThat(repository().get(fresh)).contains(
        new Todo(fresh, "new", false, 10L, 10L, Map.of("a", "1", Todo.IMPORT_ID, importId.value()), 1));
    assertThat(repository().get(stored.todoId())).contains(new Todo(stored.todoId(), "after", true, 5L, 10L,
        Map.of("project", "kept", "color", "blue", Todo.IMPORT_ID, importId.value()), 2));
  }

  @Test
  void writingAbsentTodosLeavesAStoredOneAsItIs() {
    Todo first = todo(id("absent", 1));
    Todo edited = new Todo(first.todoId(), "edited since", true, first.createdAt(), first.updatedAt() + 1, Map.of(), 2);
    Todo other = todo(id("absent", 2));
    repository().writeBatch(List.of(edited));

    assertThat(repository().writeAbsent(List.of(first, other)).notWritten()).isEmpty();

    assertThat(repository().get(first.todoId())).contains(edited);
    assertThat(repository().get(other.todoId())).contains(other);
  }

  @Test
  void deleteSaysWhetherTheTodoExisted() {
    Todo t = todo(id("delete", 1));
    repository().writeBatch(List.of(t));
    assertThat(repository().delete(t.todoId(), Set.of())).isEqualTo(new Conditional.Done(Optional.empty()));
    assertThat(repository().get(t.todoId())).isEmpty();
    assertThat(repository().delete(t.todoId(), Set.of())).isEqualTo(new Conditional.Missing());
  }

  @Test
  void aDeleteAtAVersionThatMovedOnIsStaleAndDeletesNothing() {
    Todo t = todo(id("delete", 2));
    repository().writeBatch(List.of(t));
    repository().update(patch(t.todoId(), Optional.of("moved on"), Optional.empty(), Map.of()), Set.of());

    assertThat(repository().delete(t.todoId(), Set.of(1L))).isEqualTo(new Conditional.Stale(2));
    assertThat(repository().get(t.todoId())).isPresent();
    assertThat(repository().delete(t.todoId(), Set.of(2L))).isEqualTo(new Conditional.Done(Optional.empty()));
  }
}
