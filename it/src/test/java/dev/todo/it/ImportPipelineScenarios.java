package dev.todo.it;

import dev.todo.aws.AwsClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The import, end to end, through the real handlers wired as in AWS: every scenario uploads a file, waits for
 * the import's final status, and checks the table through the REST API, the counters and the error report
 * exactly. Subclasses say which S3/SQS/DynamoDB servers it runs against.
 */
abstract class ImportPipelineScenarios {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The servers to run against. */
  protected abstract AwsClients.Endpoints endpoints();

  protected final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<LocalCloud> clouds = new ArrayList<>();

  protected LocalCloud cloud(UnaryOperator<Options> settings) {
    // the import's scenarios; the events under the same faults are TodoEventsIT's
    Options options = Options.defaults().anyFreePorts().external(endpoints())
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8)).visibilityTimeout(Duration.ofSeconds(5)).withoutEvents();
    LocalCloud cloud = LocalCloud.start(settings.apply(options), log::add);
    clouds.add(cloud);
    return cloud;
  }

  @AfterEach
  void stopClouds() {
    clouds.forEach(LocalCloud::close);
  }

  @Test
  void anUploadLandsInTheTableWithItsBadRowsReported() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/todos.csv", ("todoId,name,completed,createdAt,project\n"
        + ",Buy milk,false,,home\n"
        + "T-7,\"Call the plumber, again\",yes,2026-01-05T09:30:00Z,home\n"
        + ",Plan offsite,maybe,,work\n"
        + ",,true,,home\n"
        + ",\"Fix the gutter\n(front and back)\",1,1767225600000,home\n").getBytes(StandardCharsets.UTF_8));

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(60));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(record.progress().rowsRead()).isEqualTo(5);
    assertThat(record.progress().rowsQueued()).isEqualTo(3);
    assertThat(record.rowsWritten()).isEqualTo(3);
    assertThat(record.progress().rowsRejected()).isEqualTo(2);
    Map<String, JsonNode> todos = todosById(cloud);
    ImportId id = ImportId.of(ref);
    assertThat(todos.keySet()).containsExactlyInAnyOrder(id.todoIdForLine(2), "T-7", id.todoIdForLine(6));
    JsonNode plumber = todos.get("T-7");
    assertThat(plumber.get("name").asText()).isEqualTo("Call the plumber, again");
    assertThat(plumber.get("completed").asBoolean()).isTrue();
    assertThat(plumber.get("createdAt").asLong()).isEqualTo(1_767_605_400_000L);
    assertThat(plumber.get("project").asText()).isEqualTo("home");
    assertThat(todos.get(id.todoIdForLine(6)).get("name").asText()).isEqualTo("Fix the gutter\n(front and back)");
    assertThat(todos.get(id.todoIdForLine(2)).get("createdAt").asLong()).isEqualTo(record.startedAt());
    assertThat(errorReport(cloud, ref)).isEqualTo("line,column,reason,todoId,name,completed,createdAt,project\n"
        + "4,completed,\"'maybe' is not a boolean (use true/false, yes/no or 1/0)\",,Plan offsite,maybe,,work\n"
        + "5,name,name is required and must not be blank,,,true,,home\n");
    JsonNode status = get(cloud, "/imports/" + id.value());
    assertThat(status.get("status").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
    assertThat(status.get("errorReport").asText()).endsWith("/import-errors/todos.csv.errors.csv");
  }

  @Test
  void anErrorReportFixedAndUploadedAgainImportsItsRows() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef first = upload(cloud, "import/to-fix.csv", ("name,completed,project\n"
        + "fine,no,home\n"
        + "\"Plan, offsite\",maybe,work\n"
        + ",true,home\n").getBytes(StandardCharsets.UTF_8));
    assertThat(awaitFinished(cloud, first, Duration.ofSeconds(60)).status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);

    String fixed = errorReport(cloud, first).replace(",maybe,", ",yes,").replace(",,true,", ",Water the plants,true,");
    ObjectRef again = upload(cloud, "import/fixed.csv", fixed.getBytes(StandardCharsets.UTF_8));
    ImportRecord record = awaitFinished(cloud, again, Duration.ofSeconds(60));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(record.rowsWritten()).isEqualTo(2);
    Map<String, JsonNode> todos = todosById(cloud);
    ImportId id = ImportId.of(again);
    assertThat(todos.get(id.todoIdForLine(2)).get("name").asText()).isEqualTo("Plan, offsite");
    assertThat(todos.get(id.todoIdForLine(2)).get("completed").asBoolean()).isTrue();
    assertThat(todos.get(id.todoIdForLine(3)).get("name").asText()).isEqualTo("Water the plants");
    assertThat(todos.get(id.todoIdForLine(3)).get("project").asText()).isEqualTo("home");
    assertThat(todos.get(id.todoIdForLine(3)).has("reason")).isFalse(); // the report's own columns are not attributes
    assertThat(todos.get(id.todoIdForLine(3)).has("line")).isFalse();
  }

  @Test
  void importsAreListedNewestFirstAndFoundByTheirKey() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef first = upload(cloud, "import/weekly.csv", csv(3).getBytes(StandardCharsets.UTF_8));
    awaitFinished(cloud, first, Duration.ofSeconds(60));
    ObjectRef other = upload(cloud, "import/other.csv", csv(2).getBytes(StandardCharsets.UTF_8));
    awaitFinished(cloud, other, Duration.ofSeconds(60));
    ObjectRef second = upload(cloud, "import/weekly.csv", csv(4).getBytes(StandardCharsets.UTF_8)); // the same key again
    awaitFinished(cloud, second, Duration.ofSeconds(60));

    JsonNode all = get(cloud, "/imports?limit=2");
    assertThat(all.get("items")).extracting(i -> i.get("importId").asText())
        .containsExactly(ImportId.of(second).value(), ImportId.of(other).value());
    JsonNode rest = get(cloud, "/imports?limit=2&next_token=" + all.get("nextToken").asText());
    assertThat(rest.get("items")).extracting(i -> i.get("importId").asText()).containsExactly(ImportId.of(first).value());
    JsonNode weekly = get(cloud, "/imports?key=import/weekly.csv");
    assertThat(weekly.get("items")).extracting(i -> i.get("importId").asText())
        .containsExactly(ImportId.of(second).value(), ImportId.of(first).value());
    assertThat(weekly.get("items").get(0).get("rowsWritten").asLong()).isEqualTo(4);
    assertThat(weekly.get("items").get(0).get("source").get("key").asText()).isEqualTo("import/weekly.csv");
  }

  @Test
  void aSingleWriterKeepsTheFilesOrderThroughRedeliverySoTheLastRowOfEachTodoWins() throws Exception {
    // the writer's container dies after writing its first batch, before deleting it: the batch comes back later
    LocalCloud cloud = cloud(o -> o.singleWriter().consumerCrashes(1).visibilityTimeout(Duration.ofSeconds(2)).batchSize(2)
        .maxMessageBytes(1024));
    assertThat(cloud.queueUrl()).endsWith(".fifo");
    StringBuilder csv = new StringBuilder("todoId,name,updatedAt\n");
    for (int i = 1; i <= 1_500; i++) { // ten todos, each named again and again: the file's last row must win
      csv.append("T-").append(i % 10).append(",version ").append(i).append(',').append(i).append('\n');
    }
    ObjectRef ref = upload(cloud, "import/in-order.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(120));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(record.rowsWritten()).isEqualTo(1_500);
    Map<String, JsonNode> todos = todosById(cloud);
    assertThat(todos).hasSize(10);
    for (int t = 0; t < 10; t++) {
      int last = 1_490 + (t == 0 ? 10 : t);
      assertThat(todos.get("T-" + t).get("name").asText()).as("T-" + t).isEqualTo("version " + last);
    }
  }

  @Test
  void hostileFilesEndFailedWithAShortReadableReason() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int mb = 0; mb < 256; mb++) {
        gzip.write(zeros);
      }
    }
    Map<String, byte[]> files = Map.of(
        "import/huge-header.csv", ("a".repeat(5 << 20) + "\nrow\n").getBytes(StandardCharsets.UTF_8),
        "import/nuls.csv", new byte[4096],
        "import/bomb.csv.gz", bomb.toByteArray());
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      ImportRecord record = awaitFinished(cloud, upload(cloud, file.getKey(), file.getValue()), Duration.ofSeconds(90));
      assertThat(record.status()).as(file.getKey()).isEqualTo(ImportStatus.FAILED);
      assertThat(record.failure().orElseThrow()).as(file.getKey()).hasSizeLessThan(600).doesNotContain("\0");
    }
  }

  @Test
  void theSameNotificationDeliveredThreeTimesWritesEachRowOnce() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/thrice.csv", csv(2_000).getBytes(StandardCharsets.UTF_8));
    cloud.notifyAgain(ref.key());
    cloud.notifyAgain(ref.key());

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(60));
    await("the duplicate notifications run to their end").atMost(Duration.ofSeconds(60))
        .until(() -> cloud.workInFlight() == 0 && depth(cloud, cloud.queueUrl()) == 0);

    assertExactly(cloud, ref, 2_000);
    assertThat(cloud.runtime().journal().find(ImportId.of(ref)).orElseThrow()).isEqualTo(record);
  }

  @Test
  void aConsumerThatDiesBeforeDeletingIsRedeliveredWithoutDuplicates() throws Exception {
    LocalCloud cloud = cloud(o -> o.consumerCrashes(2).visibilityTimeout(Duration.ofSeconds(2)).maxMessageBytes(16 * 1024));
    ObjectRef ref = upload(cloud, "import/crashing.csv", csv(3_000).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(90));

    assertExactly(cloud, ref, 3_000);
    assertThat(log).anyMatch(l -> l.contains("(fault) the container died"));
  }

  @Test
  void halfOfTheBatchWritesThrottledLosesNothing() throws Exception {
    LocalCloud cloud = cloud(o -> o.throttleBatchWrites(0.5).maxMessageBytes(32 * 1024));
    ObjectRef ref = upload(cloud, "import/throttled.csv", csv(2_000).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(120));

    assertExactly(cloud, ref, 2_000);
    assertThat(cloud.faults().throttledBatchWrites()).isGreaterThan(20);
  }

  @Test
  void aPoisonMessageEndsInTheDeadLetterQueueAndTheRestOfItsBatchIsWritten() throws Exception {
    // the visibility timeout must outlast a good batch's write even on a loaded machine: at 1 s, a batch written
    // but not yet deleted came back, was received a second time and went to the dead-letter queue too (seen in CI)
    LocalCloud cloud = cloud(o -> o.maxReceiveCount(2).visibilityTimeout(Duration.ofSeconds(4)).maxMessageBytes(4 * 1024));
    cloud.sqs().sendMessage(r -> r.queueUrl(cloud.queueUrl()).messageBody("{\"v\":1,\"this\":\"is poison\"}"));
    ObjectRef ref = upload(cloud, "import/neighbours.csv", csv(300).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(60));
    List<Message> deadLetters = awaitDeadLetters(cloud, 1, Duration.ofSeconds(30));

    assertExactly(cloud, ref, 300);
    assertThat(deadLetters).extracting(Message::body).containsExactly("{\"v\":1,\"this\":\"is poison\"}");
  }

  @Test
  void rowsDeadLetteredWhileTheTableIsDownArePartOfTheStatusAndARedriveWritesThem() throws Exception {
    LocalCloud cloud = cloud(o -> o.dynamoDbFaults().maxReceiveCount(2).visibilityTimeout(Duration.ofSeconds(1))
        .maxMessageBytes(8 * 1024));
    cloud.faults().todoTableDown(true);
    ObjectRef ref = upload(cloud, "import/while-down.csv", csv(500).getBytes(StandardCharsets.UTF_8));

    ImportRecord partial = awaitFinished(cloud, ref, Duration.ofSeconds(90));

    assertThat(partial.status()).isEqualTo(ImportStatus.PARTIALLY_FAILED);
    assertThat(partial.rowsFailed()).isEqualTo(500);
    assertThat(partial.rowsWritten()).isZero();
    JsonNode status = get(cloud, "/imports/" + ImportId.of(ref).value());
    assertThat(status.get("status").asText()).isEqualTo("PARTIALLY_FAILED");
    assertThat(status.get("rowsFailed").asLong()).isEqualTo(500);

    awaitAllInTheDeadLetterQueue(cloud, Duration.ofSeconds(30)); // the status is counted on the last try, before the move
    cloud.faults().todoTableDown(false);
    int redriven = cloud.redrive();

    assertThat(redriven).isPositive();
    ImportRecord done = await("the redriven rows are written").atMost(Duration.ofSeconds(60))
        .until(() -> cloud.runtime().journal().find(ImportId.of(ref)).orElseThrow(), r -> r.status() == ImportStatus.COMPLETED);
    assertThat(done.rowsFailed()).isZero();
    assertExactly(cloud, ref, 500);
  }

  @Test
  void redriveSendsDeadLettersBackToBeWritten() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/redriven.csv", csv(3).getBytes(StandardCharsets.UTF_8));
    awaitFinished(cloud, ref, Duration.ofSeconds(60));
    String parked = "{\"v\":1,\"importId\":\"parked\",\"rows\":[{\"line\":2,\"todoId\":\"from-the-dlq\","
        + "\"name\":\"parked in the DLQ\",\"completed\":false,\"createdAt\":1,\"updatedAt\":1}]}";
    cloud.sqs().sendMessage(r -> r.queueUrl(cloud.deadLetterQueueUrl()).messageBody(parked));

    assertThat(cloud.redrive()).isEqualTo(1);

    await("the redriven row is written").atMost(Duration.ofSeconds(30)).until(() -> todosById(cloud).containsKey("from-the-dlq"));
    assertThat(todosById(cloud)).hasSize(4);
  }

  @Test
  void aFileThatOutlastsOneInvocationContinuesWithExactCounts() throws Exception {
    LocalCloud cloud = cloud(o -> o.importerTimeout(Duration.ofMillis(2_600), Duration.ofMillis(2_500)).maxMessageBytes(8 * 1024));
    ObjectRef ref = upload(cloud, "import/long.csv", csv(20_000).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(120));

    assertExactly(cloud, ref, 20_000);
    assertThat(log.stream().filter(l -> l.startsWith("[ImportContinuation]") && l.contains("paused")).count()
        + log.stream().filter(l -> l.startsWith("[S3ToSqs]") && l.contains("paused")).count()).isGreaterThan(1);
  }

  @Test
  void aHundredThousandRows() throws Exception {
    LocalCloud cloud = cloud(o -> o.maxConcurrency(2));
    ObjectRef ref = upload(cloud, "import/hundred-thousand.csv", csv(100_000).getBytes(StandardCharsets.UTF_8));

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(240));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    assertExactly(cloud, ref, 100_000);
  }

  @Test
  void aGzipFile() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(csv(5_000).getBytes(StandardCharsets.UTF_8));
    }
    ObjectRef ref = upload(cloud, "import/compressed.csv.gz", bytes.toByteArray());

    awaitFinished(cloud, ref, Duration.ofSeconds(60));

    assertExactly(cloud, ref, 5_000);
  }

  @Test
  void aKeyWithSpacesAndUnicode() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/my todos ✓ März (1).csv", csv(10).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(60));

    assertExactly(cloud, ref, 10);
  }

  @Test
  void anEmptyFileAHeaderOnlyFileAndAFileWithoutANameColumn() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef empty = upload(cloud, "import/empty.csv", new byte[0]);
    ObjectRef headerOnly = upload(cloud, "import/header-only.csv", "name,completed\n".getBytes(StandardCharsets.UTF_8));
    ObjectRef noName = upload(cloud, "import/no-name.csv", "title,completed\nx,true\n".getBytes(StandardCharsets.UTF_8));

    ImportRecord emptyRecord = awaitFinished(cloud, empty, Duration.ofSeconds(60));
    ImportRecord headerRecord = awaitFinished(cloud, headerOnly, Duration.ofSeconds(60));
    ImportRecord noNameRecord = awaitFinished(cloud, noName, Duration.ofSeconds(60));

    assertThat(emptyRecord.status()).isEqualTo(ImportStatus.FAILED);
    assertThat(emptyRecord.failure()).contains("the file is empty: a header row with a 'name' column is required");
    assertThat(headerRecord.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(headerRecord.progress().rowsRead()).isZero();
    assertThat(noNameRecord.status()).isEqualTo(ImportStatus.FAILED);
    assertThat(noNameRecord.failure()).contains("the header has no 'name' column (found: title, completed)");
    assertThat(todosById(cloud)).isEmpty();
  }

  // ---- helpers

  /** Rows {@code task 1..n}; every 7th completed; an extra column and a quoted field now and then. */
  static String csv(int rows) {
    StringBuilder csv = new StringBuilder("name,completed,project\n");
    for (int i = 1; i <= rows; i++) {
      csv.append(i % 11 == 0 ? "\"task " + i + ", quoted\"" : "task " + i).append(',').append(i % 7 == 0).append(",p")
          .append(i % 5).append('\n');
    }
    return csv.toString();
  }

  /** The table holds exactly the file's rows (ids, names, flags) and the counters say so. */
  private void assertExactly(LocalCloud cloud, ObjectRef ref, int rows) throws Exception {
    ImportRecord record = cloud.runtime().journal().find(ImportId.of(ref)).orElseThrow();
    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(record.progress().rowsRead()).isEqualTo(rows);
    assertThat(record.progress().rowsQueued()).isEqualTo(rows);
    assertThat(record.progress().rowsRejected()).isZero();
    assertThat(record.rowsWritten()).isEqualTo(rows);
    Map<String, JsonNode> todos = todosById(cloud);
    assertThat(todos).hasSize(rows);
    ImportId id = ImportId.of(ref);
    for (int i = 1; i <= rows; i++) {
      JsonNode todo = todos.get(id.todoIdForLine(i + 1));
      assertThat(todo).as("row " + i).isNotNull();
      assertThat(todo.get("name").asText()).isEqualTo(i % 11 == 0 ? "task " + i + ", quoted" : "task " + i);
      assertThat(todo.get("completed").asBoolean()).isEqualTo(i % 7 == 0);
      assertThat(todo.get("project").asText()).isEqualTo("p" + (i % 5));
    }
  }

  protected static ObjectRef upload(LocalCloud cloud, String key, byte[] content) {
    String eTag = cloud.s3().putObject(r -> r.bucket(cloud.bucket()).key(key), RequestBody.fromBytes(content)).eTag();
    return ObjectRef.of(cloud.bucket(), key, eTag);
  }

  protected static ImportRecord awaitFinished(LocalCloud cloud, ObjectRef ref, Duration timeout) {
    return await("the import of " + ref.key() + " ends").atMost(timeout)
        .until(() -> cloud.runtime().journal().find(ImportId.of(ref)), r -> r.isPresent() && r.get().status() != ImportStatus.RUNNING)
        .orElseThrow();
  }

  /** Waits until the import queue is empty and its messages are in the dead-letter queue (looking, not receiving). */
  private static void awaitAllInTheDeadLetterQueue(LocalCloud cloud, Duration timeout) {
    await("the messages reach the dead-letter queue").atMost(timeout)
        .until(() -> depth(cloud, cloud.queueUrl()) == 0 && depth(cloud, cloud.deadLetterQueueUrl()) > 0);
  }

  private static long depth(LocalCloud cloud, String queueUrl) {
    Map<QueueAttributeName, String> a = cloud.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static List<Message> awaitDeadLetters(LocalCloud cloud, int count, Duration timeout) throws InterruptedException {
    List<Message> found = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (found.size() < count && System.nanoTime() < deadline) {
      found.addAll(cloud.sqs().receiveMessage(r -> r.queueUrl(cloud.deadLetterQueueUrl()).maxNumberOfMessages(10)
          .waitTimeSeconds(1)).messages());
    }
    return found;
  }

  /** Every todo, paged through {@code GET /todo} as a client would. */
  protected static Map<String, JsonNode> todosById(LocalCloud cloud) throws IOException, InterruptedException {
    Map<String, JsonNode> todos = new HashMap<>();
    String token = null;
    do {
      JsonNode page = get(cloud, "/todo?limit=100" + (token == null ? "" : "&next_token=" + token));
      for (JsonNode t : page.get("items")) {
        assertThat(todos.put(t.get("todoId").asText(), t)).as("listed twice: " + t).isNull();
      }
      token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
    } while (token != null);
    return todos;
  }

  protected static JsonNode get(LocalCloud cloud, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String errorReport(LocalCloud cloud, ObjectRef ref) {
    return cloud.s3().getObjectAsBytes(r -> r.bucket(cloud.bucket()).key(ref.errorReportKey())).asUtf8String();
  }
}
