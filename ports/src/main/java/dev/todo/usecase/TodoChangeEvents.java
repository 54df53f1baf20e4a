package dev.todo.usecase;

import dev.todo.domain.TodoChange;
import dev.todo.domain.TodoEvent;
import dev.todo.ports.TodoEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The seed's events for committed changes of todos, put on the bus in the order the changes happened. */
public final class TodoChangeEvents {

  /** Events handed to the bus at once: one PutEvents call's worth. */
  static final int PER_CALL = 10;

  private final TodoEvents events;

  public TodoChangeEvents(TodoEvents events) {
    this.events = events;
  }

  /**
   * Publishes the events of {@code changes} in their order, {@value #PER_CALL} at a time. Answers the id of the first
   * change whose event could not be published (it and every later change are to be delivered again), or empty when
   * all were: a change without an event (a rename, say) counts as published.
   */
  public Optional<String> publish(List<TodoChange> changes) {
    List<TodoChange> pending = new ArrayList<>();
    List<TodoEvent> pendingEvents = new ArrayList<>();
    for (TodoChange change : changes) {
      pending.add(change);
      change.event().ifPresent(pendingEvents::add);
      if (pendingEvents.size() == PER_CALL) {
        Optional<String> stuck = flush(pending, pendingEvents);
        if (stuck.isPresent()) {
          return stuck;
        }
      }
    }
    return flush(pending, pendingEvents);
  }

  private Optional<String> flush(List<TodoChange> pending, List<TodoEvent> pendingEvents) {
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    try {
      events.publish(pendingEvents);
    } catch (TodoEvents.PublishException e) {
      return Optional.of(pending.get(0).changeId());
    }
    pending.clear();
    pendingEvents.clear();
    return Optional.empty();
  }
}
