package dev.todo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  private final List<String> log = new ArrayList<>();

  @Test
  void aSecondCloudOnADirectoryInUseIsRefusedNamingTheHolder(@TempDir Path dir) {
    try (DataDirLock held = DataDirLock.acquire(dir, Duration.ZERO, log::add)) {
      assertThatThrownBy(() -> DataDirLock.acquire(dir, Duration.ofMillis(200), log::add))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the data directory " + dir + " is in use by another local cloud (process "
              + ProcessHandle.current().pid() + "): stop it, or give this one another --data-dir");
    }
    assertThat(log).containsExactly("waiting for the local cloud that held " + dir + " (process "
        + ProcessHandle.current().pid() + ") to let go of it");
  }

  @Test
  void aCloudStartedWhileTheLastOneIsStillGoingWaitsForItToLetGo(@TempDir Path dir) throws Exception {
    DataDirLock dying = DataDirLock.acquire(dir, Duration.ZERO, log::add);
    CompletableFuture<DataDirLock> next = CompletableFuture.supplyAsync(() -> DataDirLock.acquire(dir, Duration.ofSeconds(10), log::add));
    Thread.sleep(300);
    assertThat(next).isNotDone();
    dying.close();
    next.get(5, TimeUnit.SECONDS).close();
    DataDirLock.acquire(dir, Duration.ZERO, log::add).close(); // released again on close
  }
}
