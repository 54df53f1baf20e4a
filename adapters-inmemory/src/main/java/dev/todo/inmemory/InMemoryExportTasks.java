package dev.todo.inmemory;

import dev.todo.ports.ExportTasks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Export tasks kept in order until someone takes them. */
public final class InMemoryExportTasks implements ExportTasks {

  private final Deque<ExportTask> sent = new ArrayDeque<>();

  @Override
  public synchronized void send(ExportTask task) {
    sent.addLast(task);
  }

  /** The oldest task sent, taken off the list. */
  public synchronized Optional<ExportTask> take() {
    return Optional.ofNullable(sent.pollFirst());
  }
}
