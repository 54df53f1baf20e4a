package dev.todo.aws;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, and the number of attempts after which an adapter gives up. */
public record Backoff(Duration base, Duration cap, int maxAttempts) {

  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 8);

  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Sleeps before retry number {@code attempt} (1 for the first retry). */
  public void pause(int attempt) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}
