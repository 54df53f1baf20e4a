package dev.todo.inmemory;

import dev.todo.ports.ExportTasks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Export tasks kept in the order sent until someone takes them, each once its delay has passed on {@code clock}. */
public final class InMemoryExportTasks implements ExportTasks {

  private record Sent(ExportTask task, long dueAt) {
  }

  private final List<Sent> sent = new ArrayList<>();
  private final Clock clock;

  public InMemoryExportTasks() {
    this(Clock.systemUTC());
  }

  public InMemoryExportTasks(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void send(ExportTask task, Duration delay) {
    Duration wait = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.isNegative() ? Duration.ZERO : delay;
    sent.add(new Sent(task, clock.millis() + wait.toMillis()));
  }

  /** The oldest task sent whose delay has passed, taken off the list. */
  public synchronized Optional<ExportTask> take() {
    long now = clock.millis();
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).dueAt() <= now) {
        return Optional.of(sent.remove(i).task());
      }
    }
    return Optional.empty();
  }

  /** How many tasks wait, due or not. */
  public synchronized int waiting() {
    return sent.size();
  }
}
