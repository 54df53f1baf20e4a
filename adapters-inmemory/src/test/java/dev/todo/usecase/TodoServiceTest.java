package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.ImportId;
import dev.todo.domain.Todo;
import dev.todo.inmemory.InMemoryTodoRepository;
import dev.todo.ports.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TodoServiceTest {

  private final InMemoryTodoRepository repository = new InMemoryTodoRepository();
  private final AtomicInteger ids = new AtomicInteger();
  private final TodoService service = new TodoService(repository,
      Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC), () -> "id-" + ids.incrementAndGet());

  @Test
  void createsATodoWithDefaultsAndExtraAttributes() {
    Result<Todo> created = service.create(Map.of("name", "buy milk", "project", "home"));
    Todo todo = ((Result.Ok<Todo>) created).value();
    assertThat(todo).isEqualTo(new Todo("id-1", "buy milk", false, 5_000, 5_000, Map.of("project", "home")));
    assertThat(repository.get("id-1")).contains(todo);
  }

  @Test
  void badInputIsInvalidWithAClearMessage() {
    assertThat(invalid(service.create(Map.of()))).isEqualTo("name is required");
    assertThat(invalid(service.create(Map.of("name", "  ")))).isEqualTo("name is required and must not be blank");
    assertThat(invalid(service.create(Map.of("name", "x".repeat(1025))))).contains("1025 characters");
    assertThat(invalid(service.create(Map.of("name", 7)))).isEqualTo("name must be a string");
    assertThat(invalid(service.create(Map.of("name", "x", "completed", "yes")))).isEqualTo("completed must be true or false");
    assertThat(invalid(service.create(Map.of("name", "x", "todoId", "mine")))).isEqualTo("todoId is set by the service and cannot be given");
    assertThat(invalid(service.create(Map.of("name", "x", "count", 3)))).isEqualTo("attribute 'count' must be a string");
    assertThat(repository.size()).isZero();
  }

  @Test
  void updatesOnlyTheGivenFields() {
    repository.writeBatch(java.util.List.of(new Todo("t", "old", false, 1, 1, Map.of("project", "a"))));
    Todo updated = ((Result.Ok<Todo>) service.update("t", Map.of("completed", true), Set.of())).value();
    assertThat(updated).isEqualTo(new Todo("t", "old", true, 1, 5_000, Map.of("project", "a"), 2));
    assertThat(invalid(service.update("t", Map.of(), Set.of()))).startsWith("nothing to update");
    assertThat(invalid(service.update("t", Map.of("name", ""), Set.of()))).contains("must not be blank");
    assertThat(service.update("missing", Map.of("completed", true), Set.of())).isEqualTo(new Result.NotFound<>("todo", "missing"));
  }

  @Test
  void aPersonsChangeToAnImportedTodoDropsTheImportsMarkAndNobodyCanSetIt() {
    ImportId importId = new ImportId("i-1");
    repository.writeBatch(java.util.List.of(new Todo("t", "imported", false, 1, 1, Map.of("project", "a")).writtenBy(importId)));
    Todo completed = ((Result.Ok<Todo>) service.update("t", Map.of("completed", true), Set.of())).value();
    assertThat(completed.attributes()).containsExactly(Map.entry("project", "a"));
    assertThat(repository.get("t").orElseThrow().attributes()).doesNotContainKey(Todo.IMPORT_ID);
    assertThat(invalid(service.create(Map.of("name", "x", "importId", "forged")))).isEqualTo("importId is set by the service and cannot be given");
    assertThat(invalid(service.update("t", Map.of("importId", "forged"), Set.of()))).isEqualTo("importId is set by the service and cannot be given");
  }

  @Test
  void aChangeToAVersionThatMovedOnIsStale() {
    repository.writeBatch(java.util.List.of(new Todo("t", "old", false, 1, 1)));
    assertThat(service.update("t", Map.of("name", "new"), Set.of(1L))).isInstanceOf(Result.Ok.class);
    assertThat(service.update("t", Map.of("name", "newer"), Set.of(1L))).isEqualTo(new Result.Stale<>("todo", "t", 2));
    assertThat(service.delete("t", Set.of(1L))).isEqualTo(new Result.Stale<>("todo", "t", 2));
    assertThat(repository.get("t").orElseThrow().name()).isEqualTo("new");
    assertThat(service.delete("t", Set.of(2L))).isEqualTo(new Result.Ok<>("t"));
  }

  @Test
  void anUpdateChecksItsOwnFieldsAgainstTheTodoRules() {
    repository.writeBatch(java.util.List.of(new Todo("t", "old", false, 1, 1)));
    Map<String, Object> tooMany = new HashMap<>();
    for (int i = 0; i < 101; i++) {
      tooMany.put("a" + i, "v");
    }
    assertThat(invalid(service.update("t", tooMany, Set.of()))).contains("at most 100 extra attributes");
    assertThat(invalid(service.update("t", Map.of("version", "9"), Set.of()))).isEqualTo("version is set by the service and cannot be given");
  }

  @Test
  void getAndDeleteSayWhenATodoIsUnknown() {
    assertThat(service.get("nope")).isEqualTo(new Result.NotFound<>("todo", "nope"));
    String id = ((Result.Ok<Todo>) service.create(Map.of("name", "x"))).value().todoId();
    assertThat(service.delete(id, Set.of())).isEqualTo(new Result.Ok<>(id));
    assertThat(service.delete(id, Set.of())).isEqualTo(new Result.NotFound<>("todo", id));
  }

  @Test
  void listValidatesItsLimitAndToken() {
    for (int i = 0; i < 30; i++) {
      service.create(new HashMap<>(Map.of("name", "n" + i)));
    }
    Page<Todo> first = ((Result.Ok<Page<Todo>>) service.list(Optional.empty(), Optional.empty())).value();
    assertThat(first.items()).hasSize(TodoService.DEFAULT_PAGE_SIZE);
    assertThat(first.items()).hasSize(10);
    Page<Todo> second = ((Result.Ok<Page<Todo>>) service.list(Optional.of("30"), first.nextToken())).value();
    assertThat(second.items()).hasSize(20);
    assertThat(second.nextToken()).isEmpty();
    assertThat(invalid(service.list(Optional.of("0"), Optional.empty()))).contains("limit must be");
    assertThat(invalid(service.list(Optional.of("ten"), Optional.empty()))).contains("limit must be");
    assertThat(invalid(service.list(Optional.empty(), Optional.of("garbage")))).startsWith("next_token is not valid");
  }

  private static String invalid(Result<?> result) {
    assertThat(result).isInstanceOf(Result.Invalid.class);
    return ((Result.Invalid<?>) result).message();
  }
}
