package dev.todo.ports;

import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where todos live. Every write is one atomic call per item: a put of a whole new todo, or a patch that changes only
 * the fields it names, so no writer ever stores a stale copy of what another wrote.
 */
public interface TodoRepository {

  /** The most todos one batch call of the store writes (DynamoDB's BatchWriteItem takes 25). */
  int ITEMS_PER_BATCH = 25;

  /**
   * Puts whole todos (any number, ids unique within the call), replacing any with the same id: for todos nobody
   * else can have written yet (a new id). Says which ids could not be written after the adapter's own retries
   * (none: all were), and how much retrying it took.
   */
  WriteResult writeBatch(List<Todo> todos);

  /**
   * Puts each todo only where no todo has its id, leaving a stored one as it is: for a write that may be a repeat of
   * an earlier one (a redelivered message), which must not undo what was changed since. A todo left alone counts
   * as written.
   */
  WriteResult writeAbsent(List<Todo> todos);

  /**
   * Applies each patch (ids unique within the call) in one atomic write of its own, creating the todo where none
   * is stored: the import's upserts.
   */
  WriteResult upsert(List<TodoPatch> patches);

  /**
   * Applies the patch to the stored todo in one atomic write, if there is one and, when {@code versions} is not
   * empty, if its version is one of them; answers the todo as stored after the write.
   */
  Conditional update(TodoPatch patch, Set<Long> versions);

  /** Deletes the todo if it exists and, when {@code versions} is not empty, if its version is one of them. */
  Conditional delete(String todoId, Set<Long> versions);

  Optional<Todo> get(String todoId);

  /** The stored todos among {@code todoIds} (any number, duplicates allowed), by id; unknown ids are left out. */
  Map<String, Todo> getAll(Collection<String> todoIds);

  /**
   * One page of todos in a stable order; pass a page's {@code nextToken} to get the next.
   *
   * @throws InvalidPageTokenException if {@code token} is not one this repository handed out
   */
  Page<Todo> list(int limit, Optional<String> token);

  /**
   * One page of one of {@code segments} disjoint parts of the table, which together hold every todo once (DynamoDB's
   * parallel Scan): what an export's workers read side by side. Pass a page's {@code nextToken} to get the next.
   *
   * @throws InvalidPageTokenException if {@code token} is not one this repository handed out
   */
  Page<Todo> scan(int segment, int segments, int limit, Optional<String> token);

  /** What a conditional write did. */
  sealed interface Conditional {

    /** Written; {@code stored} is the todo after the write (empty after a delete). */
    record Done(Optional<Todo> stored) implements Conditional {
    }

    /** No todo has the id. */
    record Missing() implements Conditional {
    }

    /** The todo's version is not one of those given: somebody changed it since they were read. */
    record Stale(long current) implements Conditional {
    }
  }
}
