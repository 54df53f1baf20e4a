package dev.todo.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * dynalite, the DynamoDB-compatible server, in a Node.js child process on 127.0.0.1: tables in memory, or in a
 * LevelDB store under a directory that outlives it. The child watches its stdin, a pipe from this JVM, and exits
 * when that closes, so it never outlives its parent, however the parent ends.
 */
final class DynaliteServer implements AutoCloseable {

  private static final long START_SECONDS = 30;
  /** How long a new runner waits for the dynalite of a runner that died to let go of the on-disk store. */
  private static final long STORE_RELEASE_SECONDS = 30;
  /** An in-memory table takes about 2.4 KB per item in Node: room for a few million items. */
  private static final int HEAP_MB = 6144;

  private final Process process;

  private DynaliteServer(Process process) {
    this.process = process;
  }

  static DynaliteServer start(int port, Optional<Path> dir, Path logDir) {
    List<String> command = new ArrayList<>(List.of("node", "--max-old-space-size=" + HEAP_MB,
        installation().resolve("server.js").toString(), "--port", Integer.toString(port)));
    dir.ifPresent(d -> command.addAll(List.of("--path", LocalServices.mkdirs(d).toString())));
    dir.ifPresent(DynaliteServer::awaitStoreReleased);
    Path log = LocalServices.mkdirs(logDir).resolve("dynalite.log");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start dynalite, the local DynamoDB server: it needs Node.js 20 or "
          + "later as 'node' on the PATH (" + e.getMessage() + ")", e);
    }
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> readOutput(process.getInputStream(), log, listening), "dynalite-output");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(START_SECONDS, TimeUnit.SECONDS);
      return new DynaliteServer(process);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("dynalite, the local DynamoDB server, did not start within " + START_SECONDS
          + " s; its log " + log + " ends:\n" + tail(log), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting dynalite", e);
    }
  }

  /**
   * Waits while another process holds the LevelDB store in {@code dir} (its {@code LOCK} file, a POSIX lock as Java
   * takes one): the dynalite of a runner that just died may still be closing it, and a second one would fail.
   */
  static void awaitStoreReleased(Path dir) {
    Path lockFile = dir.resolve("LOCK");
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLocks.await(channel, Duration.ofSeconds(STORE_RELEASE_SECONDS), () -> { }).orElseThrow(() -> new IllegalStateException(
          "the DynamoDB store in " + dir + " is still held by another process after " + STORE_RELEASE_SECONDS
              + " s: is another 'up' running on this data directory?")).release();
    } catch (IOException e) {
      throw new UncheckedIOException("could not check the DynamoDB store's lock " + lockFile, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the DynamoDB store in " + dir, e);
    }
  }

  /** Where the build installed dynalite and our server script. */
  static Path installation() {
    Properties p = new Properties();
    try (InputStream in = DynaliteServer.class.getResourceAsStream("/local-services/dynalite.properties")) {
      if (in == null) {
        throw new IllegalStateException("no local-services/dynalite.properties: build the local-services module");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path dir = Path.of(p.getProperty("dir"));
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("dynalite"))) {
      throw new IllegalStateException("dynalite is not installed in " + dir + ": run the build (./mvnw package), "
          + "which installs it with npm ci");
    }
    return dir;
  }

  /** Completes {@code listening} once the server says it listens, then copies the rest of its output to the log. */
  private static void readOutput(InputStream out, Path log, CompletableFuture<Void> listening) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (!listening.isDone() && line.startsWith("listening ")) {
          listening.complete(null);
        } else {
          Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
      }
    } catch (IOException | RuntimeException e) {
      listening.completeExceptionally(e);
    }
    listening.completeExceptionally(new IllegalStateException("dynalite exited"));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // the server's signal to close its store and exit
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
