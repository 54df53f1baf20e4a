package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.ImportId;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.services.LocalServices;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's events end to end: writes through the API and imports, the table's stream, the stream function, the
 * bus and its notification rule, the notifier and the topic's outbox, each the real handler on the local cloud.
 */
class TodoEventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
  private LocalCloud cloud;

  private LocalCloud cloud() {
    return cloud(o -> o);
  }

  private LocalCloud cloud(java.util.function.UnaryOperator<Options> settings) {
    cloud = LocalCloud.start(settings.apply(Options.defaults().anyFreePorts().external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8))), line -> { });
    cloud.events().onEvent(events::add);
    return cloud;
  }

  @AfterEach
  void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void creatingCompletingAndDeletingATodoMakesExactlyTheSeedsThreeEventsAndOneMail() throws Exception {
    cloud();
    String id = JSON.readTree(send("POST", "/todo", "{\"name\":\"Buy milk\"}").body()).get("todoId").asText();
    send("PATCH", "/todo/" + id, "{\"name\":\"Buy oat milk\"}"); // a rename is no event
    send("PATCH", "/todo/" + id, "{\"completed\":true}");
    send("PATCH", "/todo/" + id, "{\"completed\":true}"); // already completed: no second todoCompleted
    assertThat(send("DELETE", "/todo/" + id, null).statusCode()).isEqualTo(204);

    awaitEvents(e -> true, 3);
    awaitSettled(); // every stream record taken and every notification sent: a stray fourth would be here
    assertThat(events).extracting(e -> e.get("detail-type").asText()).containsExactly("todoCreated", "todoCompleted", "todoDeleted");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.get("source").asText()).isEqualTo("TodoService");
      assertThat(e.get("detail").get("todoId").asText()).isEqualTo(id);
      assertThat(e.get("detail").has("eventId")).isTrue();
      assertThat(e.get("detail").has("importId")).isFalse();
    });
    assertThat(events.get(0).get("detail").get("name").asText()).isEqualTo("Buy milk");
    assertThat(events.get(0).get("detail").get("completed").asBoolean()).isFalse();
    assertThat(events.get(1).get("detail").get("name").asText()).isEqualTo("Buy oat milk");
    assertThat(events.get(1).get("detail").get("completed").asBoolean()).isTrue();
    assertThat(events.get(2).get("detail").get("completed").asBoolean()).isTrue(); // the todo as it was

    List<String> mails = awaitMails(1);
    assertThat(mails.get(0)).contains("Subject: Todo \"Buy oat milk\" completed").contains("todoId: " + id);
  }

  @Test
  void aTodoAsLargeAsTheApiTakesGetsItsEventAndDoesNotHoldBackTheNext() throws Exception {
    cloud();
    StringBuilder body = new StringBuilder("{\"name\":\"Large\"");
    for (int i = 0; i < 10; i++) { // 299 KB: under the todo's 300 KB, over EventBridge's 256 KB per event
      body.append(",\"note").append(i).append("\":\"").append("x".repeat(29_900)).append('"');
    }
    HttpResponse<String> created = send("POST", "/todo", body.append('}').toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String large = JSON.readTree(created.body()).get("todoId").asText();
    String small = JSON.readTree(send("POST", "/todo", "{\"name\":\"Small\"}").body()).get("todoId").asText();

    awaitEvents(e -> e.get("detail-type").asText().equals("todoCreated"), 2);
    assertThat(of("todoCreated")).extracting(e -> text(e, "todoId")).containsExactly(large, small);
    JsonNode detail = of("todoCreated").get(0).get("detail");
    assertThat(detail.get("attributesOmitted").asBoolean()).isTrue();
    assertThat(detail.get("name").asText()).isEqualTo("Large");
    assertThat(detail.has("note0")).isFalse(); // GET /todo/{todoId} has them
  }

  @Test
  void aThousandRowImportMakesAThousandTodoCreatedNoMailPerRowAndOneImportCompletedMail() throws Exception {
    cloud();
    String mine = JSON.readTree(send("POST", "/todo", "{\"name\":\"Renew passport\"}").body()).get("todoId").asText();
    ObjectRef big = PipelineScenarios.upload(cloud, "import/thousand.csv",
        (PipelineScenarios.csv(1000) + "bad row,maybe\n").getBytes(StandardCharsets.UTF_8));
    awaitEvents(e -> e.get("detail-type").asText().equals("importCompleted"), 1);
    // an import that completes a person's todo: a todoCompleted that says which import, and no mail for it
    ObjectRef upsert = PipelineScenarios.upload(cloud, "import/complete-mine.csv",
        ("todoId,name,completed\n" + mine + ",Renew passport,true\n").getBytes(StandardCharsets.UTF_8));
    awaitEvents(e -> e.get("detail-type").asText().equals("importCompleted"), 2);
    awaitSettled();

    List<JsonNode> created = of("todoCreated");
    assertThat(created).hasSize(1001); // the person's todo and the 1,000 rows
    assertThat(created.stream().map(e -> e.get("detail").get("eventId").asText()).distinct()).hasSize(1001);
    assertThat(created.stream().filter(e -> ImportId.of(big).value().equals(text(e, "importId")))).hasSize(1000);
    List<JsonNode> completed = of("todoCompleted");
    assertThat(completed).hasSize(1);
    assertThat(text(completed.get(0), "todoId")).isEqualTo(mine);
    assertThat(text(completed.get(0), "importId")).isEqualTo(ImportId.of(upsert).value());
    List<JsonNode> ended = of("importCompleted");
    assertThat(ended).extracting(e -> text(e, "status")).containsExactly("COMPLETED_WITH_ERRORS", "COMPLETED");
    assertThat(ended.get(0).get("detail").get("rowsWritten").asLong()).isEqualTo(1000);
    assertThat(ended.get(0).get("detail").get("rowsRejected").asLong()).isEqualTo(1);
    assertThat(text(ended.get(0), "errorReport")).contains("import-errors/thousand.csv");

    List<String> mails = awaitMails(2);
    awaitSettled();
    assertThat(mails(cloud.events().outbox())).hasSize(2);
    assertThat(mails.get(0)).contains("Subject: Import of thousand.csv: COMPLETED_WITH_ERRORS").contains("rows written:       1000")
        .contains("rows rejected:      1");
    assertThat(mails.get(1)).contains("Subject: Import of complete-mine.csv: COMPLETED");
  }

  @Test
  void everyEventArrivesWhilePutEventsFailsHalfTheTime() throws Exception {
    cloud();
    cloud.events().refuse(0.5);
    String id = JSON.readTree(send("POST", "/todo", "{\"name\":\"Buy milk\"}").body()).get("todoId").asText();
    send("PATCH", "/todo/" + id, "{\"completed\":true}");
    send("DELETE", "/todo/" + id, null);
    ObjectRef ref = PipelineScenarios.upload(cloud, "import/flaky-bus.csv", PipelineScenarios.csv(300).getBytes(StandardCharsets.UTF_8));

    awaitEvents(e -> e.get("detail-type").asText().equals("importCompleted"), 1);
    awaitSettled();
    Map<String, Long> distinct = distinctEvents().stream().collect(Collectors.groupingBy(e -> e.get("detail-type").asText(), Collectors.counting()));
    assertThat(distinct).containsEntry("todoCreated", 301L).containsEntry("todoCompleted", 1L).containsEntry("todoDeleted", 1L)
        .containsEntry("importCompleted", 1L);
    assertThat(of("todoCreated").stream().map(e -> text(e, "todoId")).distinct()).hasSize(301);
    assertThat(text(of("importCompleted").get(0), "importId")).isEqualTo(ImportId.of(ref).value());
    System.out.println("PutEvents refusing half the entries: " + events.size() + " events delivered for " + distinctEvents().size()
        + " distinct (duplicates have the same eventId)");
  }

  @Test
  void aChangeTheBusNeverTakesIsRetriedThenDeadLetteredAndDoesNotHoldBackTheNext() throws Exception {
    cloud();
    cloud.events().refuseDetails(detail -> detail.path("name").asText().equals("Unpublishable"));
    String poison = JSON.readTree(send("POST", "/todo", "{\"name\":\"Unpublishable\"}").body()).get("todoId").asText();
    String next = JSON.readTree(send("POST", "/todo", "{\"name\":\"Behind it\"}").body()).get("todoId").asText();

    awaitEvents(e -> e.get("detail-type").asText().equals("todoCreated") && text(e, "todoId").equals(next), 1);
    awaitSettled(); // the refused record was passed over, not kept at the head of the stream

    assertThat(of("todoCreated")).extracting(e -> text(e, "todoId")).containsExactly(next).doesNotContain(poison);
    JsonNode queue = StreamSupport.stream(JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(cloud.apiEndpoint() + "/_local/status")).build(), HttpResponse.BodyHandlers.ofString()).body())
        .path("queues").spliterator(), false).filter(q -> q.path("name").asText().equals(cloud.layout().eventDeadLetters()))
        .findFirst().orElseThrow();
    assertThat(queue.path("visible").asInt()).isEqualTo(1); // the status page shows it in red, as the stack alarms on it
    List<software.amazon.awssdk.services.sqs.model.Message> failures = cloud.sqs().receiveMessage(r -> r
        .queueUrl(cloud.eventDeadLetterQueueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    assertThat(failures).hasSize(1);
    JsonNode failure = JSON.readTree(failures.get(0).body());
    assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
    assertThat(failure.path("requestContext").path("approximateInvokeCount").asInt())
        .isEqualTo(dev.todo.aws.StackLayout.STREAM_RETRY_ATTEMPTS + 1);
    assertThat(failure.path("DDBStreamBatchInfo").path("batchSize").asInt()).isEqualTo(1);
    assertThat(failure.path("DDBStreamBatchInfo").path("streamArn").asText()).contains(cloud.layout().table());
  }

  @Test
  void throttlingAndAWriterThatDiesBeforeDeletingLoseNoEventAndAddNone() throws Exception {
    cloud(o -> o.throttleBatchWrites(0.5).consumerCrashes(1).visibilityTimeout(Duration.ofSeconds(2)).maxMessageBytes(4 * 1024));
    ObjectRef ref = PipelineScenarios.upload(cloud, "import/faults.csv", PipelineScenarios.csv(300).getBytes(StandardCharsets.UTF_8));

    awaitEvents(e -> e.get("detail-type").asText().equals("importCompleted"), 1);
    awaitSettled();

    assertThat(cloud.faults().throttledBatchWrites()).isPositive();
    assertThat(of("todoCreated").stream().map(e -> text(e, "todoId")).distinct()).hasSize(300);
    assertThat(events).hasSize(301); // the redelivered batch wrote the same items again: no change, no second event
    assertThat(text(of("importCompleted").get(0), "status")).isEqualTo("COMPLETED");
    assertThat(text(of("importCompleted").get(0), "importId")).isEqualTo(ImportId.of(ref).value());
  }

  /**
   * Nothing left in flight on the event path: every stream record taken by its function and every notification
   * sent (the import's end is announced from the journal's stream, maybe before the last rows' events).
   */
  private void awaitSettled() {
    await("the event path settles").atMost(Duration.ofSeconds(90)).until(() -> cloud.workInFlight() == 0);
  }

  private List<JsonNode> of(String detailType) {
    return distinctEvents().stream().filter(e -> e.get("detail-type").asText().equals(detailType)).toList();
  }

  /** The events, one per eventId: delivery is at least once. */
  private List<JsonNode> distinctEvents() {
    synchronized (events) {
      return new ArrayList<>(events.stream().collect(Collectors.toMap(e -> text(e, "eventId"), e -> e, (a, b) -> a,
          java.util.LinkedHashMap::new)).values());
    }
  }

  private static String text(JsonNode event, String field) {
    JsonNode value = event.get("detail").get(field);
    return value == null ? null : value.asText();
  }

  private void awaitEvents(Predicate<JsonNode> which, int count) {
    await("events").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(distinctEvents().stream().filter(which).count()).as("events so far: " + distinctEvents().size())
            .isGreaterThanOrEqualTo(count));
  }

  private List<String> awaitMails(int count) {
    return await("mails").atMost(Duration.ofSeconds(30)).until(() -> mails(cloud.events().outbox()), m -> m.size() >= count);
  }

  /** The outbox's messages, oldest first (their file names start with the time). */
  private static List<String> mails(Path outbox) throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      List<String> mails = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        mails.add(Files.readString(f, StandardCharsets.UTF_8));
      }
      return mails;
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
