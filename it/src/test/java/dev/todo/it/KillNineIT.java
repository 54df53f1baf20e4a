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

/** {@code up --data-dir} killed with SIGKILL, idle, mid-import or mid-export, and started again on the same directory. */
class KillNineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final TodoLocalProcesses local = new TodoLocalProcesses();
  private final List<Process> clouds = local.clouds;

  @AfterEach
  void stopClouds() throws InterruptedException {
    local.stopAll();
  }

  private int up(Path dir, String name, int api, String... extra) throws IOException, InterruptedException {
    return local.up(dir, name, api, extra);
  }

  private static int run(Path dir, String... args) throws IOException, InterruptedException {
    return TodoLocalProcesses.run(dir, args);
  }

  @Test
  void killingTheRunnerWithSigkillTakesItsServersAlongAndTheNextUpRecoversTheDataDir(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    int api = Ports.free();
    up(dir, "before", api, "--data-dir", data.toString());
    Path file = Files.writeString(dir.resolve("kept.csv"), "name\nkept through a kill -9\n");
    // a second cloud on a directory in use is refused in a sentence, after a short wait in case the first is dying
    String[] second = {"up", "--data-dir", data.toString(), "--api-port", Integer.toString(Ports.free()),
        "--s3-port", "0", "--sqs-port", "0", "--dynamodb-port", "0"};
    Process refused = TodoLocalProcesses.launch(dir, second);
    assertThat(run(dir, "import", file.toString(), "--data-dir", data.toString())).isZero();
    assertThat(TodoLocalProcesses.exitCode(dir, refused, second)).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("up.out"))).contains("the data directory " + data + " is in use by another local cloud");
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
  void killedMidImportAndThenMidExportTheLocalCloudComesBackOnItsDataDirAndFinishesEachWithExactCounts(@TempDir Path dir)
      throws Exception {
    int rows = Integer.getInteger("todo.it.killRows", 5_000); // README's figures: -Dtodo.it.killRows=200000
    Path data = dir.resolve("data");
    int api = Ports.free();
    // the default visibility timeout (30 s): the messages in flight at the kill come back at the restart, not after it
    up(dir, "first", api, "--data-dir", data.toString());
    Map<String, String> state = state(data);
    AwsClients clients = new AwsClients(endpoints(state));
    String key = "import/killed-midway.csv";
    clients.s3().putObject(r -> r.bucket(state.get("bucket")).key(key),
        RequestBody.fromString(PipelineScenarios.csv(rows)));

    JsonNode midway = awaitImport(api, key, r -> r.path("rowsWritten").asLong() >= rows / 10, Duration.ofSeconds(120));
    List<ProcessHandle> children = killCloudMidWork();
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
    // a kill between a batch's delivery and its checkpoint delivers it again: the same events, with the same ids
    assertThat(events.stream().filter(e -> e.path("detail-type").asText().equals("todoCreated"))
        .map(e -> e.path("detail").path("eventId").asText()).distinct().count()).isEqualTo(rows);
    assertThat(events.stream().filter(e -> e.path("detail-type").asText().equals("importCompleted"))
        .filter(e -> e.path("detail").path("importId").asText().equals(importId))).hasSize(1);
    assertThat(mails(data)).isEqualTo(1);

    killMidExportAndRestart(dir, data, api, rows);
  }

  /** An export of the cloud's {@code todos}, its workers killed with the cloud under way, and the cloud started again. */
  private void killMidExportAndRestart(Path dir, Path data, int api, int todos) throws Exception {
    String id = post(api, "/exports", "{\"format\":\"csv\"}").path("exportId").asText();
    JsonNode midway = await("the export under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> get(api, "/exports/" + id), e -> e.path("rowsExported").asLong() > 0 || e.path("segmentsDone").asInt() > 0
            || !e.path("status").asText().equals("RUNNING"));
    killCloudMidWork(); // the workers die in the middle of a segment's page or of the file's part
    long restarted = System.nanoTime();

    up(dir, "third", api, "--data-dir", data.toString());
    JsonNode done = await("the export ends").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
        .until(() -> get(api, "/exports/" + id), e -> !e.path("status").asText().equals("RUNNING"));
    System.out.printf("export restart test: %,d todos; killed at %s; after the restart %s in %.1f s (up included)%n", todos,
        midway, done.path("status").asText(), (System.nanoTime() - restarted) / 1e9);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.path("rowsExported").asLong()).isEqualTo(todos);
    List<String> lines = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(done.path("downloadUrl").asText()))
        .build(), HttpResponse.BodyHandlers.ofString()).body().lines().toList();
    assertThat(lines).hasSize(todos + 1); // the header and one line per todo
    assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count()).isEqualTo(todos);
  }

  /**
   * SIGKILL to the running cloud's runner and to the cloud's JVM under it, so nothing shuts down in order: queues,
   * tables and bucket must all come back from the data dir; dynalite follows when its stdin closes. Returns the
   * runner's child processes as they were.
   */
  private List<ProcessHandle> killCloudMidWork() throws InterruptedException {
    Process runner = clouds.remove(0);
    List<ProcessHandle> children = runner.descendants().toList();
    runner.destroyForcibly();
    children.stream().filter(c -> c.info().command().orElse("").endsWith("java")).forEach(ProcessHandle::destroyForcibly);
    runner.waitFor(10, TimeUnit.SECONDS);
    return children;
  }

  private static JsonNode post(int api, String path, String json) throws Exception {
    return call(request(api, path).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
  }

  private static long mails(Path data) throws IOException {
    try (Stream<Path> mails = Files.list(data.resolve("outbox"))) {
      return mails.filter(m -> m.getFileName().toString().endsWith(".txt")).count();
    }
  }

  private static JsonNode get(int api, String path) throws Exception {
    return call(request(api, path));
  }

  private static HttpRequest.Builder request(int api, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + path));
  }

  /** The cloud's REST API's answer, as JSON. */
  private static JsonNode call(HttpRequest.Builder request) throws Exception {
    return JSON.readTree(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
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
}
