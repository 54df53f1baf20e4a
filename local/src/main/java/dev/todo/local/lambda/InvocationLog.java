package dev.todo.local.lambda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every function invocation the local cloud made: by function, how many and how long they ran (what Lambda
 * bills, so a benchmark can price a run), each function's latest error, and the most recent invocations.
 */
public final class InvocationLog {

  /** How many of the latest invocations are kept one by one. */
  static final int RECENT = 50;

  /** One function's invocations so far. */
  public record Stats(long invocations, long totalMillis, long errors) {
    Stats plus(Stats other) {
      return new Stats(invocations + other.invocations, totalMillis + other.totalMillis, errors + other.errors);
    }
  }

  /** One invocation: when it started (epoch millis), how long it ran, and why it failed if it did. */
  public record Invocation(String function, long startedAt, long millis, Optional<String> error) {
  }

  private final Map<String, Stats> byFunction = new ConcurrentHashMap<>();
  private final Deque<Invocation> recent = new ArrayDeque<>();
  private final Map<String, Invocation> latestErrors = new ConcurrentHashMap<>();

  /** Records one invocation of {@code function} that started at {@code startNanos} (System.nanoTime) and just ended. */
  public void ended(String function, long startNanos, Optional<String> error) {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    byFunction.merge(function, new Stats(1, millis, error.isPresent() ? 1 : 0), Stats::plus);
    Invocation invocation = new Invocation(function, System.currentTimeMillis() - millis, millis, error);
    if (error.isPresent()) {
      latestErrors.put(function, invocation);
    }
    synchronized (recent) {
      recent.addFirst(invocation);
      if (recent.size() > RECENT) {
        recent.removeLast();
      }
    }
  }

  public Map<String, Stats> snapshot() {
    return new TreeMap<>(byFunction);
  }

  /** The function's latest failed invocation, however many succeeded since. */
  public Optional<Invocation> latestError(String function) {
    return Optional.ofNullable(latestErrors.get(function));
  }

  /** The latest invocations, newest first. */
  public List<Invocation> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  public void reset() {
    byFunction.clear();
    latestErrors.clear();
    synchronized (recent) {
      recent.clear();
    }
  }
}
