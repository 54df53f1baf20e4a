package dev.todo.services;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault injected into a fraction of the calls, spread evenly and without chance: of any n calls in a row, about
 * fraction × n are struck, so a test sees the same faults on every run.
 */
public final class FaultRate {

  private final AtomicLong seen = new AtomicLong();
  private volatile double fraction;

  public FaultRate(double fraction) {
    this.fraction = fraction;
  }

  /** From now on this fraction of the calls is struck (0 for none, 1 for all). */
  public void set(double fraction) {
    this.fraction = fraction;
  }

  /** Counts one call; whether it is struck. */
  public boolean strikes() {
    long n = seen.getAndIncrement();
    double f = fraction;
    return Math.floor((n + 1) * f) > Math.floor(n * f);
  }
}
