package dev.todo.usecase;

import dev.todo.domain.CsvHeader;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoRules;
import dev.todo.ports.Page;
import dev.todo.ports.TodoRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The todo operations behind the REST API, with the same rules as the import. Input arrives as a decoded
 * JSON object; anything wrong with it comes back as {@link Result.Invalid} with a message a person can act on.
 */
public final class TodoService {

  /** As the seed workshop's list endpoint. */
  public static final int DEFAULT_PAGE_SIZE = Paging.DEFAULT_PAGE_SIZE;
  private static final Set<String> SET_BY_SERVICE = Set.of(CsvHeader.TODO_ID, CsvHeader.CREATED_AT, CsvHeader.UPDATED_AT, Todo.IMPORT_ID);

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
        Boolean.TRUE.equals(input.get(CsvHeader.COMPLETED)), now, now, extras(input, Map.of()));
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

  /** Changes the given fields; {@code updatedAt} becomes now. */
  public Result<Todo> update(String todoId, Map<String, ?> input) {
    if (input.isEmpty()) {
      return new Result.Invalid<>("nothing to update: give name, completed or another attribute");
    }
    Optional<String> problem = TodoRules.idProblem(todoId).or(() -> problem(input, false));
    if (problem.isPresent()) {
      return new Result.Invalid<>(problem.get());
    }
    Optional<Todo> current = repository.get(todoId);
    if (current.isEmpty()) {
      return new Result.NotFound<>("todo", todoId);
    }
    Todo old = current.get();
    Todo updated = new Todo(old.todoId(),
        input.containsKey(CsvHeader.NAME) ? (String) input.get(CsvHeader.NAME) : old.name(),
        input.containsKey(CsvHeader.COMPLETED) ? (Boolean) input.get(CsvHeader.COMPLETED) : old.completed(),
        old.createdAt(), Math.max(clock.millis(), old.updatedAt()), extras(input, old.attributes())).writtenByAPerson();
    Optional<String> todoProblem = TodoRules.todoProblem(updated);
    if (todoProblem.isPresent()) {
      return new Result.Invalid<>(todoProblem.get());
    }
    return repository.replace(updated) ? new Result.Ok<>(updated) : new Result.NotFound<>("todo", todoId);
  }

  public Result<String> delete(String todoId) {
    Optional<String> idProblem = TodoRules.idProblem(todoId);
    if (idProblem.isPresent()) {
      return new Result.Invalid<>(idProblem.get());
    }
    return repository.delete(todoId) ? new Result.Ok<>(todoId) : new Result.NotFound<>("todo", todoId);
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

  private static Map<String, String> extras(Map<String, ?> input, Map<String, String> existing) {
    Map<String, String> extras = new HashMap<>(existing);
    input.forEach((key, value) -> {
      if (!key.equals(CsvHeader.NAME) && !key.equals(CsvHeader.COMPLETED)) {
        extras.put(key, (String) value);
      }
    });
    return extras;
  }
}
