package dev.todo.local;

import dev.todo.services.FileLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one cloud that runs on a data directory holds this lock for its life. The kernel drops it when the holder's
 * files close, together with its sockets: so a cloud started right after a {@code kill -9} of the last one waits
 * here until that process has let go of its ports too, rather than failing on a port it still holds; and a second
 * cloud on a directory in use is refused with one plain sentence.
 */
final class DataDirLock implements AutoCloseable {

  /** A killed cloud's JVM lets go within a second or two, however large its heap was. */
  static final Duration WAIT = Duration.ofSeconds(5);

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir, Duration wait, Consumer<String> log) {
    Path file = dataDir.resolve("local-cloud.lock");
    try {
      Files.createDirectories(dataDir);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Optional<FileLock> lock = FileLocks.await(channel, wait,
          () -> log.accept("waiting for the local cloud that held " + dataDir + holder(file) + " to let go of it"));
      if (lock.isEmpty()) {
        String holder = holder(file);
        channel.close();
        throw new IllegalStateException("the data directory " + dataDir + " is in use by another local cloud" + holder
            + ": stop it, or give this one another --data-dir");
      }
      channel.truncate(0).write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      return new DataDirLock(channel, lock.get());
    } catch (IOException e) {
      throw new UncheckedIOException("could not lock the data directory " + dataDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the data directory " + dataDir, e);
    }
  }

  /** " (process PID)" as the holder wrote it in the lock file, or nothing if it wrote none. */
  private static String holder(Path file) {
    try {
      String pid = Files.readString(file).strip();
      return pid.isEmpty() ? "" : " (process " + pid + ")";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the lock goes with the channel, and the channel with the process
    }
  }
}
