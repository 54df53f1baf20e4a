package dev.todo.local;

import java.util.function.Consumer;

/** Stopping several parts in order, each whatever became of the one before. */
final class Closeables {

  private Closeables() {
  }

  /** Closes each part that exists (a part not yet started is null), logging a failure and going on. */
  static void closeAll(Consumer<String> log, AutoCloseable... parts) {
    for (AutoCloseable c : parts) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        log.accept("closing " + c + " failed: " + e);
      }
    }
  }
}
