package dev.todo.inmemory;

import dev.todo.domain.Checkpoint;
import dev.todo.ports.Continuations;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Scheduled continuations kept in order until someone takes them. */
public final class InMemoryContinuations implements Continuations {

  private final Deque<Checkpoint> scheduled = new ArrayDeque<>();

  @Override
  public synchronized void schedule(Checkpoint checkpoint) {
    scheduled.addLast(checkpoint);
  }

  /** The oldest scheduled continuation, taken off the list. */
  public synchronized Optional<Checkpoint> take() {
    return Optional.ofNullable(scheduled.pollFirst());
  }
}
