package dev.todo.services;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.time.Duration;
import java.util.Optional;

/** Waiting for another process (or another owner in this JVM) to let go of a file lock. */
public final class FileLocks {

  private FileLocks() {
  }

  /**
   * The whole file's lock, once nobody else holds it, or empty if someone still does after {@code wait};
   * {@code whileWaiting} runs once, when the first try finds it held.
   */
  public static Optional<FileLock> await(FileChannel channel, Duration wait, Runnable whileWaiting)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean waited = false;
    while (true) {
      FileLock lock = tryLock(channel);
      if (lock != null) {
        return Optional.of(lock);
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      if (!waited) {
        whileWaiting.run();
        waited = true;
      }
      Thread.sleep(50);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }
}
