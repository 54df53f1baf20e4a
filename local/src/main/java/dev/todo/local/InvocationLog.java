package dev.todo.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every function invocation the local cloud made, by function: how many, and how long they ran. What Lambda
 * bills (requests and GB-seconds), so a benchmark can price a run.
 */
public final class InvocationLog {

  /** One function's invocations so far. */
  public record Stats(long invocations, long totalMillis) {
    Stats plus(long millis) {
      return new Stats(invocations + 1, totalMillis + millis);
    }
  }

  private final Map<String, Stats> byFunction = new ConcurrentHashMap<>();

  /** Records one invocation of {@code function} that started at {@code startNanos} (System.nanoTime) and just ended. */
  public void ended(String function, long startNanos) {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    byFunction.merge(function, new Stats(1, millis), (a, b) -> a.plus(b.totalMillis()));
  }

  public Map<String, Stats> snapshot() {
    return new TreeMap<>(byFunction);
  }

  public void reset() {
    byFunction.clear();
  }
}
