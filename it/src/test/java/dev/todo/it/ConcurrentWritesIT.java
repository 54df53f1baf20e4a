package dev.todo.it;

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
import dev.todo.services.LocalServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Two writers at once, through the local API Gateway and the real handlers: no change is ever lost, and a client
 * that says which version it read is told when the todo moved on.
 */
class ConcurrentWritesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private LocalCloud cloud;
  private final ExecutorService clients = Executors.newFixedThreadPool(4);

  @BeforeEach
  void start() {
    cloud = LocalCloud.start(Options.defaults().anyFreePorts().external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8)).withoutEvents(), line -> { });
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
    cloud.close();
  }

  @Test
  void twoHundredPairsOfSimultaneousPatchesLoseNoChange() throws Exception {
    String id = send("POST", "/todo", "{\"name\":\"contended\"}", Map.of()).body().get("todoId").asText();
    int lost = 0;
    for (int i = 0; i < 200; i++) {
      CyclicBarrier together = new CyclicBarrier(2);
      String name = "{\"name\":\"name " + i + "\"}";
      String flags = "{\"completed\":" + (i % 2 == 0) + ",\"color\":\"color " + i + "\"}";
      Future<Answer> rename = clients.submit(() -> {
        together.await();
        return send("PATCH", "/todo/" + id, name, Map.of());
      });
      Future<Answer> complete = clients.submit(() -> {
        together.await();
        return send("PATCH", "/todo/" + id, flags, Map.of());
      });
      assertThat(rename.get().status()).isEqualTo(200);
      assertThat(complete.get().status()).isEqualTo(200);
      JsonNode stored = send("GET", "/todo/" + id, null, Map.of()).body();
      boolean kept = stored.get("name").asText().equals("name " + i) && stored.get("color").asText().equals("color " + i)
          && stored.get("completed").asBoolean() == (i % 2 == 0);
      lost += kept ? 0 : 1;
    }
    assertThat(lost).as("pairs that lost a change").isZero();
    assertThat(send("GET", "/todo/" + id, null, Map.of()).body().get("version").asLong()).isEqualTo(401);
  }

  @Test
  void ifMatchWithAStaleETagIs412() throws Exception {
    Answer created = send("POST", "/todo", "{\"name\":\"read me first\"}", Map.of());
    String id = created.body().get("todoId").asText();
    String read = created.eTag();
    assertThat(send("PATCH", "/todo/" + id, "{\"name\":\"changed by someone else\"}", Map.of()).status()).isEqualTo(200);

    Answer stale = send("PATCH", "/todo/" + id, "{\"name\":\"my change\"}", Map.of("If-Match", read));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.body().get("message").asText()).contains("has changed since it was read");
    assertThat(send("DELETE", "/todo/" + id, null, Map.of("If-Match", read)).status()).isEqualTo(412);

    Answer fresh = send("GET", "/todo/" + id, null, Map.of());
    assertThat(fresh.body().get("name").asText()).isEqualTo("changed by someone else");
    assertThat(send("PATCH", "/todo/" + id, "{\"name\":\"my change\"}", Map.of("If-Match", fresh.eTag())).status())
        .isEqualTo(200);
  }

  /**
   * The rule for an upsert row meeting a person's change: the row sets what it says; what it leaves unsaid keeps
   * whatever the table holds at the moment of the write.
   */
  @Test
  void aReImportRacingEditsThroughTheApiKeepsBoth() throws Exception {
    int todos = 300;
    StringBuilder created = new StringBuilder("todoId,name,completed,project\n");
    StringBuilder renamed = new StringBuilder("todoId,name\n");
    for (int i = 0; i < todos; i++) {
      created.append("R-").append(i).append(",task ").append(i).append(",false,home\n");
      renamed.append("R-").append(i).append(",renamed ").append(i).append('\n');
    }
    assertThat(importAndWait("import/race-created.csv", created.toString()).status()).isEqualTo(ImportStatus.COMPLETED);

    List<Future<Answer>> edits = new ArrayList<>();
    for (int i = 0; i < todos; i++) { // a person works through the list while the second file is imported
      String body = "{\"completed\":true,\"color\":\"edited " + i + "\"}";
      String path = "/todo/R-" + i;
      edits.add(clients.submit(() -> send("PATCH", path, body, Map.of())));
      if (i == 20) {
        upload("import/race-renamed.csv", renamed.toString());
      }
    }
    for (Future<Answer> edit : edits) {
      assertThat(edit.get().status()).isEqualTo(200);
    }
    ImportRecord second = awaitFinished(ObjectRef.of(cloud.bucket(), "import/race-renamed.csv", lastETag));
    assertThat(second.status()).isEqualTo(ImportStatus.COMPLETED);

    for (int i = 0; i < todos; i++) {
      JsonNode todo = send("GET", "/todo/R-" + i, null, Map.of()).body();
      assertThat(todo.get("name").asText()).as(todo.toString()).isEqualTo("renamed " + i);
      assertThat(todo.get("completed").asBoolean()).as(todo.toString()).isTrue();
      assertThat(todo.get("color").asText()).as(todo.toString()).isEqualTo("edited " + i);
      assertThat(todo.get("project").asText()).as(todo.toString()).isEqualTo("home");
    }
  }

  private String lastETag;

  private void upload(String key, String csv) {
    lastETag = cloud.s3().putObject(r -> r.bucket(cloud.bucket()).key(key), RequestBody.fromString(csv)).eTag();
  }

  private ImportRecord importAndWait(String key, String csv) {
    upload(key, csv);
    return awaitFinished(ObjectRef.of(cloud.bucket(), key, lastETag));
  }

  private ImportRecord awaitFinished(ObjectRef ref) {
    return await("the import of " + ref.key() + " ends").atMost(Duration.ofSeconds(60))
        .until(() -> cloud.runtime().journal().find(ImportId.of(ref)), r -> r.isPresent() && r.get().status() != ImportStatus.RUNNING)
        .orElseThrow();
  }

  private record Answer(int status, JsonNode body, String eTag) {
  }

  private Answer send(String method, String path, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json, response.headers().firstValue("ETag").orElse(null));
  }
}
