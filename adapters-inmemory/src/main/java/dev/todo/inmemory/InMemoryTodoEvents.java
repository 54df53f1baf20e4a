package dev.todo.inmemory;

import dev.todo.domain.TodoEvent;
import dev.todo.ports.TodoEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A bus in memory: what was published stays, in order; a test can make chosen events fail to publish. */
public final class InMemoryTodoEvents implements TodoEvents {

  private final List<TodoEvent> published = new ArrayList<>();
  private Predicate<TodoEvent> failing = e -> false;

  @Override
  public synchronized void publish(List<TodoEvent> events) {
    List<String> refused = new ArrayList<>();
    for (TodoEvent e : events) {
      if (failing.test(e)) {
        refused.add(e.eventId());
      } else {
        published.add(e);
      }
    }
    if (!refused.isEmpty()) {
      throw new PublishException(refused.size() + " of " + events.size() + " events not published: " + refused, refused);
    }
  }

  /** Makes every later publication of a matching event fail. */
  public synchronized void failWhen(Predicate<TodoEvent> failing) {
    this.failing = failing;
  }

  /** Everything published so far, in order. */
  public synchronized List<TodoEvent> published() {
    return List.copyOf(published);
  }
}
