package dev.todo.usecase;

import dev.todo.domain.CsvHeader;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
import dev.todo.domain.TodoRules;
import dev.todo.ports.Page;
import dev.todo.ports.TodoRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The todo operations behind the REST API, with the same rules as the import. Input arrives as a decoded
 * JSON object; anything wrong with it comes back as {@link Result.Invalid} with a message a person can act on.
 */
public final class TodoService {

  /** As the seed workshop's list endpoint. */
  public static final int DEFAULT_PAGE_SIZE = Paging.DEFAULT_PAGE_SIZE;
  private static final Set<String> SET_BY_SERVICE = Set.of(CsvHeader.TODO_ID, CsvHeader.CREATED_AT, CsvHeader.UPDATED_AT,
      CsvHeader.VERSION, Todo.IMPORT_ID);

  private final TodoRepository repository;
  private final Clock clock;
  private final Supplier<String> ids;

  public TodoService(TodoRepository repository, Clock clock, Supplier<String> ids) {
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  public Result<Todo> create(Map<String, ?> input) {
    Optional<String> problem = problem(input, true);
    if (problem.isPresent()) {
      return new Result.Invalid<>(problem.get());
    }
    long now = clock.millis();
    Todo todo = new Todo(ids.get(), (String) input.get(CsvHeader.NAME),
        Boolean.TRUE.equals(input.get(CsvHeader.COMPLETED)), now, now, extras(input));
    Optional<String> todoProblem = TodoRules.todoProblem(todo);
    if (todoProblem.isPresent()) {
      return new Result.Invalid<>(todoProblem.get());
    }
    Set<String> failed = repository.writeBatch(java.util.List.of(todo)).notWritten();
    if (!failed.isEmpty()) {
      throw new IllegalStateException("the repository did not store todo " + todo.todoId());
    }
    return new Result.Ok<>(todo);
  }

  public Result<Todo> get(String todoId) {
    Optional<String> idProblem = TodoRules.idProblem(todoId);
    if (idProblem.isPresent()) {
      return new Result.Invalid<>(idProblem.get());
    }
    return repository.get(todoId).<Result<Todo>>map(Result.Ok::new).orElseGet(() -> new Result.NotFound<>("todo", todoId));
  }

  public Result<Page<Todo>> list(Optional<String> limit, Optional<String> token) {
    return Paging.page(limit, token, repository::list);
  }

  /**
   * Changes the given fields and nothing else, in one atomic write; {@code updatedAt} becomes now and a person's
   * change removes an import's mark. With {@code versions} (an {@code If-Match}), only if the todo is still at one
   * of them. The fields are checked on their own: the stored todo is not read, so the todo as a whole is bounded
   * by the store's item limit, not by {@link TodoRules#todoProblem}.
   */
  public Result<Todo> update(String todoId, Map<String, ?> input, Set<Long> versions) {
    if (input.isEmpty()) {
      return new Result.Invalid<>("nothing to update: give name, completed or another attribute");
    }
    Optional<String> problem = TodoRules.idProblem(todoId).or(() -> problem(input, false));
    if (problem.isPresent()) {
      return new Result.Invalid<>(problem.get());
    }
    TodoPatch patch = new TodoPatch(todoId, Optional.ofNullable((String) input.get(CsvHeader.NAME)),
        Optional.ofNullable((Boolean) input.get(CsvHeader.COMPLETED)), Optional.empty(), clock.millis(),
        extras(input), Optional.empty());
    Optional<String> patchProblem = TodoRules.todoProblem(new Todo(todoId, patch.name().orElse(""), false, 0, 0,
        patch.attributes()));
    if (patchProblem.isPresent()) {
      return new Result.Invalid<>(patchProblem.get());
    }
    return answer(todoId, repository.update(patch, versions), Optional::orElseThrow);
  }

  /** Deletes the todo; with {@code versions} (an {@code If-Match}), only if it is still at one of them. */
  public Result<String> delete(String todoId, Set<Long> versions) {
    Optional<String> idProblem = TodoRules.idProblem(todoId);
    if (idProblem.isPresent()) {
      return new Result.Invalid<>(idProblem.get());
    }
    return answer(todoId, repository.delete(todoId, versions), stored -> todoId);
  }

  private static <T> Result<T> answer(String todoId, TodoRepository.Conditional outcome,
      Function<Optional<Todo>, T> value) {
    if (outcome instanceof TodoRepository.Conditional.Done done) {
      return new Result.Ok<>(value.apply(done.stored()));
    }
    if (outcome instanceof TodoRepository.Conditional.Stale stale) {
      return new Result.Stale<>("todo", todoId, stale.current());
    }
    return new Result.NotFound<>("todo", todoId);
  }

  private static Optional<String> problem(Map<String, ?> input, boolean creating) {
    Object name = input.get(CsvHeader.NAME);
    if (creating || input.containsKey(CsvHeader.NAME)) {
      if (!(name instanceof String s)) {
        return Optional.of(name == null ? "name is required" : "name must be a string");
      }
      Optional<String> nameProblem = TodoRules.nameProblem(s);
      if (nameProblem.isPresent()) {
        return nameProblem;
      }
    }
    if (input.containsKey(CsvHeader.COMPLETED) && !(input.get(CsvHeader.COMPLETED) instanceof Boolean)) {
      return Optional.of("completed must be true or false");
    }
    for (Map.Entry<String, ?> e : input.entrySet()) {
      String key = e.getKey();
      if (SET_BY_SERVICE.contains(key)) {
        return Optional.of(key + " is set by the service and cannot be given");
      }
      if (!key.equals(CsvHeader.NAME) && !key.equals(CsvHeader.COMPLETED) && !(e.getValue() instanceof String)) {
        return Optional.of("attribute '" + key + "' must be a string");
      }
    }
    return Optional.empty();
  }

  /** The extra attributes of a body: everything but the todo's own fields. */
  private static Map<String, String> extras(Map<String, ?> input) {
    Map<String, String> extras = new HashMap<>();
    input.forEach((key, value) -> {
      if (!key.equals(CsvHeader.NAME) && !key.equals(CsvHeader.COMPLETED)) {
        extras.put(key, (String) value);
      }
    });
    return extras;
  }
}
