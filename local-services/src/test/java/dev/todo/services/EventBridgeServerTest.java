package dev.todo.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBridgeServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBusWithAnArchiveRemembersItsEventsAcrossARestartAndSkipsATornLastLine(@TempDir Path dir) throws Exception {
    try (EventBridgeServer bus = EventBridgeServer.start("bus", "us-east-1", "000000000000", Optional.of(dir))) {
      assertThat(put(bus, "{\"n\":1}", "{\"n\":2}").path("FailedEntryCount").asInt()).isZero();
      put(bus, "{\"n\":3}");
    }
    Files.writeString(dir.resolve("archive.jsonl"), "{\"id\":\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (EventBridgeServer again = EventBridgeServer.start("bus", "us-east-1", "000000000000", Optional.of(dir))) {
      assertThat(again.accepted()).isEqualTo(3);
      assertThat(again.recent()).extracting(e -> e.path("detail").path("n").asInt()).containsExactly(3, 2, 1);
      put(again, "{\"n\":4}");
      assertThat(again.recent().get(0).path("detail").path("n").asInt()).isEqualTo(4);
    }
    assertThat(Files.readAllLines(dir.resolve("archive.jsonl")).stream().filter(l -> l.contains("\"n\":4"))).hasSize(1);
  }

  @Test
  void anEntryWhoseDetailIsRefusedFailsAloneWithMalformedDetail() throws Exception {
    try (EventBridgeServer bus = EventBridgeServer.start("bus", "us-east-1", "000000000000")) {
      bus.refuseDetails(detail -> detail.path("n").asInt() == 2);
      JsonNode answer = put(bus, "{\"n\":1}", "{\"n\":2}");
      assertThat(answer.path("FailedEntryCount").asInt()).isEqualTo(1);
      assertThat(answer.path("Entries").get(1).path("ErrorCode").asText()).isEqualTo("MalformedDetail");
      assertThat(bus.accepted()).isEqualTo(1);
    }
  }

  private static JsonNode put(EventBridgeServer bus, String... details) throws Exception {
    var entries = JSON.createArrayNode();
    for (String detail : details) {
      entries.addObject().put("EventBusName", "bus").put("Source", "test").put("DetailType", "t").put("Detail", detail);
    }
    String body = JSON.writeValueAsString(JSON.createObjectNode().set("Entries", entries));
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bus.endpoint() + "/"))
        .header("X-Amz-Target", "AWSEvents.PutEvents").header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
