package dev.todo.domain;

import java.util.Optional;

/**
 * One committed change of one todo, as the table's stream reports it: the item before and after ({@code before}
 * empty for an insert, {@code after} empty for a removal), under the stream's id for the change.
 */
public record TodoChange(String changeId, Optional<Todo> before, Optional<Todo> after) {

  /**
   * The seed's event for this change, if it has one: {@code todoCreated} for an insert, {@code todoCompleted} for a
   * modification that takes {@code completed} from false to true (and nothing for any other), {@code todoDeleted}
   * for a removal. Its id is the change's, so the same change always makes the same event.
   */
  public Optional<TodoEvent> event() {
    if (before.isEmpty() && after.isPresent()) {
      return Optional.of(TodoEvent.of(changeId, TodoEvent.Type.TODO_CREATED, after.get()));
    }
    if (before.isPresent() && after.isPresent()) {
      return !before.get().completed() && after.get().completed()
          ? Optional.of(TodoEvent.of(changeId, TodoEvent.Type.TODO_COMPLETED, after.get())) : Optional.empty();
    }
    return before.map(gone -> TodoEvent.of(changeId, TodoEvent.Type.TODO_DELETED, gone));
  }
}
