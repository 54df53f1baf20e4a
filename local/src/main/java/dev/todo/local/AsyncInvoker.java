package dev.todo.local;

import dev.todo.aws.Workers;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation, as S3 notifications use it: the caller does not wait, and a failed invocation
 * is retried twice, after one and then two seconds.
 */
final class AsyncInvoker implements AutoCloseable {

  private static final int ATTEMPTS = 3;

  private final LambdaFunction<?, ?> function;
  private final InvocationLog invocations;
  private final Consumer<String> log;
  private final ExecutorService pool;

  AsyncInvoker(LambdaFunction<?, ?> function, InvocationLog invocations, Consumer<String> log) {
    this.function = function;
    this.invocations = invocations;
    this.log = log;
    this.pool = Workers.daemonPool(function.name(), 4);
  }

  void invoke(String eventJson) {
    pool.submit(() -> {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        long start = System.nanoTime();
        try {
          function.invoke(eventJson);
          invocations.ended(function.name(), start, Optional.empty());
          return;
        } catch (RuntimeException e) {
          invocations.ended(function.name(), start, Optional.of(e.toString()));
          log.accept("[" + function.name() + "] invocation " + attempt + " of " + ATTEMPTS + " failed: " + e);
          if (!pause(1000L * attempt)) {
            return;
          }
        }
      }
    });
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
