package dev.todo.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code python3 -m moto.server}), a second AWS emulator the tests run our adapters against beside
 * the local servers: one per JVM, on 127.0.0.1, started on first use and stopped with the JVM. Where Python or
 * moto is missing, {@link #unavailable()} says so in one sentence and the tests that need it skip.
 */
public final class MotoServer implements AutoCloseable {

  /** moto takes any credentials; its account is 123456789012 unless told otherwise. */
  public static final String ACCOUNT = "123456789012";
  private static final Duration START = Duration.ofSeconds(30);

  private static MotoServer shared;
  private static Optional<String> unavailable;

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Why moto cannot run on this machine, if it cannot: the reason a test that needs it skips with. */
  public static synchronized Optional<String> unavailable() {
    if (unavailable == null) {
      unavailable = probe();
      unavailable.ifPresent(reason -> System.err.println("the tests against moto skip: " + reason));
    }
    return unavailable;
  }

  /** The JVM's moto server, started on first use; fails with {@link #unavailable()}'s reason where there is none. */
  public static synchronized MotoServer shared() {
    unavailable().ifPresent(reason -> {
      throw new IllegalStateException(reason);
    });
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "moto-stop"));
    }
    return shared;
  }

  /** The one endpoint moto answers every service on. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MotoServer start() {
    int port = Ports.free();
    Path log;
    Process process;
    try {
      log = Files.createTempFile("moto-", ".log");
      process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start moto: " + e.getMessage(), e);
    }
    MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto exited at start: " + tail(log));
      }
      if (moto.answers()) {
        return moto;
      }
      sleep(100);
    }
    moto.close();
    throw new IllegalStateException("moto did not answer within " + START.toSeconds() + " s: " + tail(log));
  }

  private boolean answers() {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Empty if {@code python3 -c 'import moto.server'} works; the reason otherwise. */
  private static Optional<String> probe() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import moto.server, moto; print(moto.__version__)")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.of("moto is not installed for python3 (pip install 'moto[server]==5.2.1'): " + lastLine(out));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("python3 is not on the PATH, so moto cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while looking for moto");
    }
  }

  private static String tail(Path log) {
    try {
      return lastLine(Files.readString(log));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
