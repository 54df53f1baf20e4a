package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.aws.AwsClients;
import dev.todo.services.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The command line as a user runs it: {@code java -jar local/target/todo-local.jar ...}, two clouds side by side. */
class CommandLineIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path JAR = Path.of("..", "local", "target", "todo-local.jar");
  private final List<Process> clouds = new ArrayList<>();

  @AfterEach
  void stopClouds() throws InterruptedException {
    for (Process p : clouds) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void importExitsWithTheImportsOutcomeAndStoppingOneCloudLeavesTheOtherReachable(@TempDir Path dir) throws Exception {
    int first = up(dir, "first");
    int second = up(dir, "second");
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
    Path big = Files.writeString(dir.resolve("big.csv"), ImportPipelineScenarios.csv(20_000));
    assertThat(run(dir, "import", big.toString(), "--api-port", Integer.toString(second), "--wait", "1s")).isEqualTo(5);
    Process secondCloud = clouds.remove(1);
    secondCloud.destroy();
    assertThat(secondCloud.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(run(dir, "list", "--api-port", Integer.toString(first))).isZero();
    assertThat(Files.readString(dir.resolve("list.out"))).contains("write the tests");
    assertThat(run(dir, "list", "--api-port", Integer.toString(second))).isEqualTo(2);
  }

  @Test
  void theMainJobPrintsShortLinesWithoutABarWhenPipedAndTheFunctionsLogsGoToTheirFile(@TempDir Path dir) throws Exception {
    Path sample = Path.of("..", "samples", "todos.csv").toAbsolutePath();
    up(dir, "quiet", Ports.free(), "--import", sample.toString());
    up(dir, "verbose", Ports.free(), "--import", sample.toString(), "--verbose");

    List<String> quiet = Files.readAllLines(dir.resolve("quiet.log"));
    assertThat(quiet).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(200).doesNotContain("\r"));
    assertThat(quiet).contains("  rows read 12, written 10, rejected 2, failed 0").noneMatch(l -> l.contains("\"level\""));
    assertThat(quiet).anyMatch(l -> l.matches("\\[S3ToSqs\\] import \\S+ queued .*")); // the import's start, one line
    Path functionLog = Path.of(quiet.stream().filter(l -> l.startsWith("  logs ")).findFirst().orElseThrow()
        .substring("  logs ".length()).strip().split(" ")[0]);
    assertThat(Files.readString(functionLog)).contains("[SqsToDynamo] {", "\"level\":\"INFO\"");
    assertThat(Files.readAllLines(dir.resolve("verbose.log"))).anyMatch(l -> l.startsWith("[SqsToDynamo] {"));
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

  @Test
  void killingTheRunnerWithSigkillTakesItsServersAlongAndTheNextUpRecoversTheDataDir(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    int api = Ports.free();
    up(dir, "before", api, "--data-dir", data.toString());
    Path file = Files.writeString(dir.resolve("kept.csv"), "name\nkept through a kill -9\n");
    assertThat(run(dir, "import", file.toString(), "--data-dir", data.toString())).isZero();
    Process runner = clouds.remove(0);
    List<ProcessHandle> children = runner.descendants().toList();
    assertThat(children).isNotEmpty();

    runner.destroyForcibly(); // SIGKILL: no shutdown hook runs in the runner
    runner.waitFor(10, TimeUnit.SECONDS);
    await("the killed runner's servers exit").atMost(Duration.ofSeconds(20))
        .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));

    up(dir, "after", api, "--data-dir", data.toString());
    assertThat(run(dir, "list", "--data-dir", data.toString())).isZero();
    assertThat(Files.readString(dir.resolve("list.out"))).contains("kept through a kill -9");
    assertThat(run(dir, "list", "--api-port", Integer.toString(api))).isZero(); // the same cloud, found by its port
    assertThat(Files.readString(dir.resolve("list.out"))).contains("kept through a kill -9");
  }

  @Test
  void killedMidImportTheLocalCloudComesBackOnItsDataDirAndFinishesWithExactCounts(@TempDir Path dir) throws Exception {
    int rows = Integer.getInteger("todo.it.killRows", 10_000); // README's figures: -Dtodo.it.killRows=200000
    Path data = dir.resolve("data");
    int api = Ports.free();
    up(dir, "first", api, "--data-dir", data.toString());
    Map<String, String> state = state(data);
    AwsClients clients = new AwsClients(endpoints(state));
    String key = "import/two-hundred-thousand.csv";
    clients.s3().putObject(r -> r.bucket(state.get("bucket")).key(key),
        RequestBody.fromString(ImportPipelineScenarios.csv(rows)));

    JsonNode midway = awaitImport(api, key, r -> r.path("rowsWritten").asLong() >= rows / 10, Duration.ofSeconds(120));
    Process runner = clouds.remove(0);
    List<ProcessHandle> children = runner.descendants().toList();
    // SIGKILL mid-import, to the runner and to the cloud's JVM under it, so nothing shuts down in order: queues,
    // tables and bucket must all come back from the data dir; dynalite follows when its stdin closes
    runner.destroyForcibly();
    children.stream().filter(c -> c.info().command().orElse("").endsWith("java")).forEach(ProcessHandle::destroyForcibly);
    runner.waitFor(10, TimeUnit.SECONDS);
    long restarted = System.nanoTime(); // at once: the new runner waits for the old dynalite to let go of the store
    up(dir, "second", api, "--data-dir", data.toString());
    JsonNode done = awaitImport(api, key, r -> !r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(240));
    double recovery = (System.nanoTime() - restarted) / 1e9;
    assertThat(children).noneMatch(ProcessHandle::isAlive);

    System.out.printf("restart test: %,d rows; killed with %,d written, %,d queued; after the restart COMPLETED in %.1f s"
        + " (up included); %s%n", rows, midway.path("rowsWritten").asLong(), midway.path("rowsQueued").asLong(), recovery, done);
    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.path("rowsRead").asLong()).isEqualTo(rows);
    assertThat(done.path("rowsQueued").asLong()).isEqualTo(rows);
    assertThat(done.path("rowsWritten").asLong()).isEqualTo(rows);
    assertThat(done.path("rowsFailed").asLong()).isZero();
    Map<String, String> after = state(data);
    DynamoDbClient dynamoDb = new AwsClients(endpoints(after)).dynamoDb();
    long items = 0;
    for (var page : dynamoDb.scanPaginator(r -> r.tableName("todos").select(Select.COUNT))) {
      items += page.count();
    }
    assertThat(items).isEqualTo(rows);

    // the streams kept their records on disk through the kill: every row has its todoCreated, the import one
    // importCompleted and one mail, once both streams are drained to their end and the mail is sent
    await("the event path settles").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
      JsonNode events = get(api, "/_local/events?limit=1");
      return events.path("streamRecordsPending").asInt(-1) == 0 && events.path("notificationsPending").asInt(-1) == 0
          && mails(data) > 0;
    });
    List<JsonNode> events = archivedEvents(data);
    List<String> created = events.stream().filter(e -> e.path("detail-type").asText().equals("todoCreated"))
        .map(e -> e.path("detail").path("todoId").asText()).toList();
    String importId = done.path("importId").asText();
    System.out.printf("restart test: %,d todoCreated for %,d distinct todos (%,d delivered twice)%n", created.size(),
        created.stream().distinct().count(), created.size() - created.stream().distinct().count());
    assertThat(created.stream().distinct().count()).isEqualTo(rows);
    assertThat(events.stream().filter(e -> e.path("detail-type").asText().equals("importCompleted"))
        .filter(e -> e.path("detail").path("importId").asText().equals(importId))).hasSize(1);
    assertThat(mails(data)).isEqualTo(1);
  }

  private static long mails(Path data) throws IOException {
    try (Stream<Path> mails = Files.list(data.resolve("outbox"))) {
      return mails.filter(m -> m.getFileName().toString().endsWith(".txt")).count();
    }
  }

  private static JsonNode get(int api, String path) throws Exception {
    return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + path))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Every event the data dir's bus took, from its archive. */
  private static List<JsonNode> archivedEvents(Path data) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(data.resolve("bus").resolve("archive.jsonl"))) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  private static JsonNode awaitImport(int api, String key, Predicate<JsonNode> until, Duration timeout) {
    String path = "/imports?limit=1&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    return await("the import of " + key).atMost(timeout)
        .until(() -> get(api, path).path("items").path(0), latest -> !latest.isMissingNode() && until.test(latest));
  }


  private static Map<String, String> state(Path dataDir) throws IOException {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(dataDir.resolve("local-cloud.properties"))) {
      p.load(in);
    }
    Map<String, String> values = new HashMap<>();
    p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
    return values;
  }

  private static AwsClients.Endpoints endpoints(Map<String, String> state) {
    return new AwsClients.Endpoints(URI.create(state.get("s3")), URI.create(state.get("sqs")), URI.create(state.get("dynamodb")),
        state.get("region"), state.get("accessKey"), state.get("secretKey"));
  }

  /** Starts {@code up} on free ports and returns its REST API port once it answers. */
  private int up(Path dir, String name) throws IOException, InterruptedException {
    return up(dir, name, Ports.free());
  }

  private int up(Path dir, String name, int api, String... extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "up", "--api-port",
        Integer.toString(api), "--s3-port", "0", "--sqs-port", "0", "--dynamodb-port", "0"));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    clouds.add(p);
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
  private static int run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve(args[0] + ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
    System.out.println(String.join(" ", args) + " -> " + p.exitValue() + ": " + Files.readString(out, StandardCharsets.UTF_8));
    return p.exitValue();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
