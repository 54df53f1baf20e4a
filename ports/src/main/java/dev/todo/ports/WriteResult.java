package dev.todo.ports;

import java.util.HashSet;
import java.util.Set;

/**
 * What a batch write did: the ids it could not write after the adapter's own retries (empty when all were), the
 * items it had to send again because the store handed them back unprocessed, and the calls the store throttled.
 */
public record WriteResult(Set<String> notWritten, long retriedItems, long throttledCalls) {

  public WriteResult {
    notWritten = Set.copyOf(notWritten);
  }

  /** Everything written at the first try. */
  public static WriteResult allWritten() {
    return new WriteResult(Set.of(), 0, 0);
  }

  public WriteResult plus(WriteResult other) {
    Set<String> all = new HashSet<>(notWritten);
    all.addAll(other.notWritten);
    return new WriteResult(all, retriedItems + other.retriedItems, throttledCalls + other.throttledCalls);
  }
}
