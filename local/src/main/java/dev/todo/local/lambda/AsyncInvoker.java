package dev.todo.local.lambda;

import dev.todo.aws.Workers;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation, as S3 notifications and the bus's rule use it: the caller does not wait, and a
 * failed invocation is retried twice, after one and then two seconds; an event that failed every try goes to the
 * dead-letter destination, if there is one.
 */
public final class AsyncInvoker implements AutoCloseable {

  private static final int ATTEMPTS = 3;

  private final LambdaFunction<?, ?> function;
  private final InvocationLog invocations;
  private final Consumer<String> log;
  private final ExecutorService pool;
  private final Consumer<String> deadLetters;
  private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

  public AsyncInvoker(LambdaFunction<?, ?> function, InvocationLog invocations, Consumer<String> log) {
    this(function, invocations, event -> { }, log);
  }

  /** {@code deadLetters} takes each event that failed every try. */
  public AsyncInvoker(LambdaFunction<?, ?> function, InvocationLog invocations, Consumer<String> deadLetters, Consumer<String> log) {
    this.deadLetters = deadLetters;
    this.function = function;
    this.invocations = invocations;
    this.log = log;
    this.pool = Workers.daemonPool(function.name(), 4);
  }

  public void invoke(String eventJson) {
    pending.incrementAndGet();
    pool.submit(() -> {
      try {
        invokeWithRetries(eventJson);
      } finally {
        pending.decrementAndGet();
      }
    });
  }

  /** Invocations asked for and not yet over (their retries included). */
  public int pending() {
    return pending.get();
  }

  private void invokeWithRetries(String eventJson) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long start = System.nanoTime();
      try {
        function.invoke(eventJson);
        invocations.ended(function.name(), start, Optional.empty());
        return;
      } catch (RuntimeException e) {
        invocations.ended(function.name(), start, Optional.of(e.toString()));
        log.accept("[" + function.name() + "] invocation " + attempt + " of " + ATTEMPTS + " failed: " + e);
        if (attempt < ATTEMPTS && !pause(1000L * attempt)) {
          return;
        }
      }
    }
    deadLetters.accept(eventJson);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
