package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.todo.services.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar local/target/todo-local.jar} as a user runs it: clouds started with {@code up} (stopped by
 * {@link #stopAll()}) and one-shot commands, each a real process.
 */
final class TodoLocalProcesses {

  private static final Path JAR = Path.of("..", "local", "target", "todo-local.jar");
  final List<Process> clouds = new ArrayList<>();

  /** Stops every cloud still running, as Ctrl-C would. */
  void stopAll() throws InterruptedException {
    for (Process p : clouds) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code up} on free ports and returns its REST API port once it answers. */
  int up(Path dir, String name) throws IOException, InterruptedException {
    return up(dir, name, Ports.free());
  }

  /** Starts {@code up} with this REST API port and these flags; its output goes to DIR/NAME.log. */
  int up(Path dir, String name, int api, String... extra) throws IOException, InterruptedException {
    return awaitUp(dir, name, api, start(dir, name, api, extra));
  }

  /** Starts {@code up} and returns at once: clouds started together come up side by side. */
  Process start(Path dir, String name, int api, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "up", "--api-port",
        Integer.toString(api), "--s3-port", "0", "--sqs-port", "0", "--dynamodb-port", "0"));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    clouds.add(p);
    return p;
  }

  /** Waits until a cloud {@link #start}ed answers on its REST API and says it is running; returns its port. */
  static int awaitUp(Path dir, String name, int api, Process p) {
    HttpClient http = HttpClient.newHttpClient();
    await("up starts").atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
      assertThat(p.isAlive()).as(Files.readString(dir.resolve(name + ".log"))).isTrue();
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/todo")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200
          && Files.readString(dir.resolve(name + ".log")).contains("Running.");
    });
    return api;
  }

  /** Runs one command to its end; its output goes to DIR/COMMAND.out; returns its exit code. */
  static int run(Path dir, String... args) throws IOException, InterruptedException {
    return exitCode(dir, launch(dir, args), args);
  }

  /** Starts one command and returns at once; {@link #exitCode} waits for it. */
  static Process launch(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(args[0] + ".out").toFile()).start();
  }

  /** Waits for a command {@link #launch}ed with these arguments to end, prints its output and returns its exit code. */
  static int exitCode(Path dir, Process p, String... args) throws IOException, InterruptedException {
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
    System.out.println(String.join(" ", args) + " -> " + p.exitValue() + ": "
        + Files.readString(dir.resolve(args[0] + ".out"), StandardCharsets.UTF_8));
    return p.exitValue();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
