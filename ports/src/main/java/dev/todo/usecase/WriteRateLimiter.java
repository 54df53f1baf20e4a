package dev.todo.usecase;

import java.util.function.LongSupplier;

/**
 * Paces writes to a rate, so a table with small provisioned capacity is never overrun. Each call reserves
 * its permits and waits until they are due: over any interval of T seconds at most rate*T + one call's
 * permits go through.
 */
public final class WriteRateLimiter {

  /** Sleeps for a number of nanoseconds. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final double nanosPerPermit;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long nextFree;
  private boolean started;

  public WriteRateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("writes per second must be positive, was " + permitsPerSecond);
    }
    this.nanosPerPermit = 1e9 / permitsPerSecond;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  public static WriteRateLimiter perSecond(double permitsPerSecond) {
    return new WriteRateLimiter(permitsPerSecond, System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  public double permitsPerSecond() {
    return 1e9 / nanosPerPermit;
  }

  /** Waits until {@code permits} writes may go. */
  public void acquire(int permits) {
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (!started || nextFree < now) {
        nextFree = now;
        started = true;
      }
      wait = nextFree - now;
      nextFree += (long) (permits * nanosPerPermit);
    }
    if (wait > 0) {
      try {
        sleeper.sleepNanos(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing writes", e);
      }
    }
  }
}
