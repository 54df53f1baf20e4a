package dev.todo.usecase;

import dev.todo.domain.TodoChange;
import dev.todo.domain.TodoEvent;
import dev.todo.ports.TodoEvents;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The seed's events for committed changes of todos, put on the bus in the order the changes happened. */
public final class TodoChangeEvents {

  private final TodoEvents events;

  public TodoChangeEvents(TodoEvents events) {
    this.events = events;
  }

  /** The first change whose event the bus did not take, and why. */
  public record Unpublished(String changeId, String reason) {
  }

  /**
   * Publishes the events of {@code changes}. Answers the first change whose event could not be published, with the
   * reason (it and every later change are to be delivered again, so a later event already on the bus comes twice,
   * with the same id), or empty when all were; a change without an event (a rename, say) needs none.
   */
  public Optional<Unpublished> publish(List<TodoChange> changes) {
    List<TodoEvent> all = changes.stream().flatMap(c -> c.event().stream()).toList();
    try {
      events.publish(all);
      return Optional.empty();
    } catch (TodoEvents.PublishException e) {
      Set<String> unpublished = new HashSet<>(e.unpublished());
      String first = changes.stream().filter(c -> unpublished.contains(c.changeId())).map(TodoChange::changeId).findFirst()
          .orElse(changes.get(0).changeId());
      return Optional.of(new Unpublished(first, e.getMessage()));
    }
  }
}
