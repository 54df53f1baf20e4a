package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.todo.services.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: {@code java -jar local/target/todo-local.jar ...}, two clouds side by side
 * (a cloud killed with SIGKILL is {@link KillNineIT}'s).
 */
class CommandLineIT {

  private final TodoLocalProcesses local = new TodoLocalProcesses();
  private final List<Process> clouds = local.clouds;

  @AfterEach
  void stopClouds() throws InterruptedException {
    local.stopAll();
  }

  private int up(Path dir, String name) throws IOException, InterruptedException {
    return local.up(dir, name);
  }

  private int up(Path dir, String name, int api, String... extra) throws IOException, InterruptedException {
    return local.up(dir, name, api, extra);
  }

  private static int run(Path dir, String... args) throws IOException, InterruptedException {
    return TodoLocalProcesses.run(dir, args);
  }

  @Test
  void importExitsWithTheImportsOutcomeAndStoppingOneCloudLeavesTheOtherReachable(@TempDir Path dir) throws Exception {
    int first = Ports.free();
    int second = Ports.free();
    Process starting = local.start(dir, "first", first);
    TodoLocalProcesses.awaitUp(dir, "second", second, local.start(dir, "second", second));
    TodoLocalProcesses.awaitUp(dir, "first", first, starting);
    Path good = Files.writeString(dir.resolve("good.csv"), "name\nwrite the tests\n");
    Path rejected = Files.writeString(dir.resolve("some-bad.csv"), "name,completed\nok,true\nnot ok,maybe\n");
    Path failed = Files.writeString(dir.resolve("no-name.csv"), "title\nno name column here\n");

    assertThat(run(dir, "import", good.toString(), "--api-port", Integer.toString(first))).isZero();
    assertThat(run(dir, "import", rejected.toString(), "--api-port", Integer.toString(first))).isEqualTo(3);
    assertThat(run(dir, "import", failed.toString(), "--api-port", Integer.toString(second))).isEqualTo(4);
    assertThat(run(dir, "import", good.toString(), "--api-port", Integer.toString(second), "--no-wait")).isZero();
    assertThat(Files.readString(dir.resolve("import.out"))).startsWith("Uploaded ").doesNotContain("rows read");
    assertThat(run(dir, "status", "some-bad.csv", "--api-port", Integer.toString(first))).isZero(); // by file name
    assertThat(Files.readString(dir.resolve("status.out"))).contains("\"COMPLETED_WITH_ERRORS\"").contains("import/some-bad.csv");
    assertThat(run(dir, "status", "import/good.csv", "--api-port", Integer.toString(first))).isZero(); // by key
    assertThat(Files.readString(dir.resolve("status.out"))).contains("\"COMPLETED\"").contains("import/good.csv");
    // the events and the mails of both imports (the journal's stream announces an import a moment after it ends)
    String events = await("both imports' events and mails").atMost(Duration.ofSeconds(20)).until(() -> {
      assertThat(run(dir, "events", "--api-port", Integer.toString(first))).isZero();
      return Files.readString(dir.resolve("events.out"));
    }, e -> e.contains("import/good.csv  COMPLETED") && e.contains("import/some-bad.csv  COMPLETED_WITH_ERRORS")
        && e.contains("holds 2 message(s)"));
    assertThat(events).contains("todoCreated", "importCompleted", "Import of some-bad.csv: COMPLETED_WITH_ERRORS", "holds 2 message(s)");

    // last on the second cloud, so that its import keeps no other step waiting for a core
    Path big = Files.writeString(dir.resolve("big.csv"), PipelineScenarios.csv(20_000));
    assertThat(run(dir, "import", big.toString(), "--api-port", Integer.toString(second), "--wait", "1s")).isEqualTo(5);
    Process secondCloud = clouds.remove(1);
    secondCloud.destroy();
    assertThat(secondCloud.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(secondCloud.exitValue()).as("up stopped by TERM: 128 + 15, as its --help says").isEqualTo(143);
    assertThat(run(dir, "list", "--api-port", Integer.toString(first))).isZero();
    assertThat(Files.readString(dir.resolve("list.out"))).contains("write the tests");
    assertThat(run(dir, "list", "--api-port", Integer.toString(second))).isEqualTo(2);
  }

  @Test
  void theMainJobPrintsShortLinesWithoutABarWhenPipedAndTheFunctionsLogsGoToTheirFile(@TempDir Path dir) throws Exception {
    Path sample = Path.of("..", "samples", "todos.csv").toAbsolutePath();
    int quietPort = Ports.free();
    int verbosePort = Ports.free();
    Process quietCloud = local.start(dir, "quiet", quietPort, "--import", sample.toString());
    TodoLocalProcesses.awaitUp(dir, "verbose", verbosePort, local.start(dir, "verbose", verbosePort, "--import", sample.toString(), "--verbose"));
    TodoLocalProcesses.awaitUp(dir, "quiet", quietPort, quietCloud);

    List<String> quiet = Files.readAllLines(dir.resolve("quiet.log"));
    assertThat(quiet).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(200).doesNotContain("\r"));
    assertThat(quiet).contains("  rows read 12, written 10, rejected 2, failed 0").noneMatch(l -> l.contains("\"level\""));
    assertThat(quiet).anyMatch(l -> l.matches("\\[S3ToSqs\\] import \\S+ queued: 12 rows read, 10 queued, 2 rejected .*")); // the import's start, one line
    Path functionLog = Path.of(quiet.stream().filter(l -> l.startsWith("  logs ")).findFirst().orElseThrow()
        .substring("  logs ".length()).strip().split(" ")[0]);
    assertThat(Files.readString(functionLog)).contains("[SqsToDynamo] {", "\"level\":\"INFO\"");
    assertThat(Files.readAllLines(dir.resolve("verbose.log"))).anyMatch(l -> l.startsWith("[SqsToDynamo] {"));

    // the import's mail is sent, the Notifier's first try succeeding (its event's time once failed to deserialize)
    Path outbox = Path.of(quiet.stream().filter(l -> l.contains("mails in ")).findFirst().orElseThrow()
        .replaceFirst(".*mails in ", "").strip());
    await().atMost(Duration.ofSeconds(30)).until(() -> mails(outbox) > 0);
    assertThat(Files.readAllLines(dir.resolve("quiet.log"))).noneMatch(l -> l.matches(".*invocation \\d+ of \\d+ failed.*"));
  }

  private static long mails(Path outbox) throws IOException {
    if (!Files.isDirectory(outbox)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.count();
    }
  }

  @Test
  void everyServerOfARunningCloudListensOnLoopbackOnly(@TempDir Path dir) throws Exception {
    up(dir, "cloud");
    ProcessHandle launcher = clouds.get(0).toHandle();
    List<Long> pids = Stream.concat(Stream.of(launcher), launcher.descendants()).map(ProcessHandle::pid).toList();
    assertThat(pids).hasSizeGreaterThanOrEqualTo(3); // the launcher, the cloud's JVM and dynalite
    List<String> listening = ListeningSockets.of(pids);
    assertThat(listening).hasSizeGreaterThanOrEqualTo(4); // REST API, S3, SQS, DynamoDB
    assertThat(listening).allMatch(ListeningSockets::isLoopback);
  }

}
