package dev.todo.inmemory;

import dev.todo.ports.Continuations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Scheduled turns kept in order, with their delays, until someone takes them. */
public final class InMemoryContinuations implements Continuations {

  /** A turn and how long it was to wait. */
  public record Scheduled(Turn turn, Duration delay) {
  }

  private final Deque<Scheduled> scheduled = new ArrayDeque<>();

  @Override
  public synchronized void schedule(Turn turn, Duration delay) {
    scheduled.addLast(new Scheduled(turn, delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay));
  }

  /** The oldest scheduled turn, taken off the list, whatever its delay. */
  public synchronized Optional<Scheduled> take() {
    return Optional.ofNullable(scheduled.pollFirst());
  }
}
