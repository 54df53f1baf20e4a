package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.aws.AwsClients;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The import, end to end, through the real handlers wired as in AWS: every scenario uploads a file, waits for
 * the import's final status, and checks the table through the REST API, the counters and the error report
 * exactly. Subclasses hold the scenarios; theirs in turn say which S3/SQS/DynamoDB servers they run against.
 */
abstract class PipelineScenarios {

  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final HttpClient HTTP = HttpClient.newHttpClient();

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
  protected void assertExactly(LocalCloud cloud, ObjectRef ref, int rows) throws Exception {
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
  protected static void awaitAllInTheDeadLetterQueue(LocalCloud cloud, Duration timeout) {
    await("the messages reach the dead-letter queue").atMost(timeout)
        .until(() -> depth(cloud, cloud.queueUrl()) == 0 && depth(cloud, cloud.deadLetterQueueUrl()) > 0);
  }

  protected static long depth(LocalCloud cloud, String queueUrl) {
    Map<QueueAttributeName, String> a = cloud.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  protected static List<Message> awaitDeadLetters(LocalCloud cloud, int count, Duration timeout) throws InterruptedException {
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

  protected static String errorReport(LocalCloud cloud, ObjectRef ref) {
    return cloud.s3().getObjectAsBytes(r -> r.bucket(cloud.bucket()).key(ref.errorReportKey())).asUtf8String();
  }
}
