package dev.todo.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Bounded pools of daemon threads, and fanning calls out over one while the caller waits for them all. */
public final class Workers {

  private Workers() {
  }

  /** A fixed pool of {@code size} daemon threads named {@code name}, so an idle pool never keeps a JVM alive. */
  public static ExecutorService daemonPool(String name, int size) {
    return Executors.newFixedThreadPool(size, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code call} on every part in {@code pool} and returns everything the calls returned, in one list.
   * The first call that throws is rethrown once every call has been waited for.
   */
  public static <P, R> List<R> fanOut(ExecutorService pool, List<P> parts, Function<P, Collection<R>> call) {
    List<Future<Collection<R>>> calls = new ArrayList<>(parts.size());
    for (P part : parts) {
      calls.add(pool.submit(() -> call.apply(part)));
    }
    List<R> results = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<Collection<R>> f : calls) {
      try {
        results.addAll(f.get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + parts.size() + " calls", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }
}
