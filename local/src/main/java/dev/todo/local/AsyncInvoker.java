package dev.todo.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.todo.aws.FunctionContext;
import dev.todo.aws.Workers;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation, as S3 notifications use it: the caller does not wait, and a failed invocation
 * is retried twice, after one and then two seconds.
 */
final class AsyncInvoker<E> implements AutoCloseable {

  private static final int ATTEMPTS = 3;

  private final String function;
  private final RequestHandler<E, ?> handler;
  private final Duration timeout;
  private final InvocationLog invocations;
  private final Consumer<String> log;
  private final ExecutorService pool;

  AsyncInvoker(String function, RequestHandler<E, ?> handler, Duration timeout, InvocationLog invocations,
      Consumer<String> log) {
    this.function = function;
    this.handler = handler;
    this.timeout = timeout;
    this.invocations = invocations;
    this.log = log;
    this.pool = Workers.daemonPool(function, 4);
  }

  void invoke(E event) {
    pool.submit(() -> {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        long start = System.nanoTime();
        try {
          handler.handleRequest(event, FunctionContext.startingNow(function, timeout, log));
          return;
        } catch (RuntimeException e) {
          log.accept("[" + function + "] invocation " + attempt + " of " + ATTEMPTS + " failed: " + e);
          if (!pause(1000L * attempt)) {
            return;
          }
        } finally {
          invocations.ended(function, start);
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
