package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.services.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hostile requests through the local API Gateway and the real handler: each gets a clear 4xx JSON error. */
class HostileRequestsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyHostileRequestGetsAClearClientError() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts()
        .external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8)), line -> { })) {
      URI api = cloud.apiEndpoint();
      HttpResponse<String> created = send(api, "POST", "/todo", "{\"name\":\"target\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(created.statusCode()).isEqualTo(201);
      String id = JSON.readTree(created.body()).get("todoId").asText();

      StringBuilder manyAttributes = new StringBuilder("{\"name\":\"x\"");
      for (int i = 0; i < 20_000; i++) {
        manyAttributes.append(",\"a").append(i).append("\":\"v\"");
      }
      Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
      answers.put("POST /todo, 10 MB body", send(api, "POST", "/todo", utf8("{\"name\":\"x\",\"big\":\"" + "a".repeat(10 << 20) + "\"}")));
      answers.put("POST /todo, a 420 KB extra field", send(api, "POST", "/todo", utf8("{\"name\":\"x\",\"big\":\"" + "a".repeat(420 << 10) + "\"}")));
      answers.put("PATCH /todo/{id}, 10 MB body", send(api, "PATCH", "/todo/" + id, utf8("{\"big\":\"" + "a".repeat(10 << 20) + "\"}")));
      answers.put("POST /todo, an attribute without a name", send(api, "POST", "/todo", utf8("{\"name\":\"x\",\"\":\"v\"}")));
      answers.put("POST /todo, 20,000 extra attributes", send(api, "POST", "/todo", utf8(manyAttributes + "}")));
      answers.put("POST /todo, a duplicate key", send(api, "POST", "/todo", utf8("{\"name\":\"a\",\"name\":\"b\"}")));
      answers.put("POST /todo, invalid UTF-8", send(api, "POST", "/todo", new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}));
      answers.put("POST /todo, a lone surrogate", send(api, "POST", "/todo", utf8("{\"name\":\"\\ud800\"}")));
      answers.put("GET /todo/{5,000 characters}", send(api, "GET", "/todo/" + "x".repeat(5000), null));
      answers.put("GET /imports/{5,000 characters}", send(api, "GET", "/imports/" + "x".repeat(5000), null));
      answers.put("GET /imports?limit=0", send(api, "GET", "/imports?limit=0", null));
      answers.put("GET /imports?next_token=forged", send(api, "GET", "/imports?next_token=forged", null));
      answers.put("GET /imports?key={5,000 characters}", send(api, "GET", "/imports?key=" + "k".repeat(5000), null));

      answers.forEach((what, r) -> System.out.println("| " + what + " | " + r.statusCode() + " | " + r.body().substring(0, Math.min(100, r.body().length())) + " |"));
      answers.forEach((what, r) -> {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isBetween(400, 499);
        assertThat(r.body()).as(what).startsWith("{\"message\":");
      });
      assertThat(send(api, "GET", "/todo/" + id, null).statusCode()).isEqualTo(200);

      // what an HTTP client library refuses to send, a socket sends: the answer is still a JSON 4xx
      for (String line : List.of("GET /todo/%ZZ HTTP/1.1", "GET /todo?limit=%ZZ HTTP/1.1", "GARBAGE")) {
        String answer = raw(api, line);
        System.out.println("| " + line + " | " + answer.lines().findFirst().orElse("") + " | " + answer.substring(answer.indexOf("\r\n\r\n") + 4) + " |");
        assertThat(answer).as(line).startsWith("HTTP/1.1 400").contains("Content-Type: application/json").contains("{\"message\":");
      }
    }
  }

  @Test
  void theStatusPageRedrivesOnlyForAPageOfItsOwnOrigin() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts()
        .external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8)), line -> { })) {
      URI api = cloud.apiEndpoint();
      String parked = "{\"v\":1,\"parked\":true}";
      cloud.sqs().sendMessage(r -> r.queueUrl(cloud.deadLetterQueueUrl()).messageBody(parked));

      // a form on another site can POST text/plain without asking; application/json needs a preflight we never grant
      HttpResponse<String> form = http.send(HttpRequest.newBuilder(api.resolve("/_local/redrive"))
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(form.statusCode()).isEqualTo(415);
      assertThat(form.body()).startsWith("{\"message\":");
      String preflight = raw(api, "OPTIONS /_local/redrive HTTP/1.1",
          "Host: 127.0.0.1\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: POST");
      assertThat(preflight).startsWith("HTTP/1.1 404").doesNotContain("Access-Control-Allow-Origin");
      // a page of a rebound DNS name reaches 127.0.0.1 with its own Host
      String rebound = raw(api, "POST /_local/redrive HTTP/1.1", "Host: evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
      assertThat(rebound).startsWith("HTTP/1.1 403").contains("{\"message\":");
      assertThat(send(api, "GET", "/_local/no-such-thing", null).statusCode()).isEqualTo(404);
      assertThat(cloud.sqs().getQueueAttributes(r -> r.queueUrl(cloud.deadLetterQueueUrl())
          .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages")).isEqualTo("1");

      HttpResponse<String> own = send(api, "POST", "/_local/redrive", utf8("{}"));
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(own.body()).get("moved").asInt()).isEqualTo(1);
      assertThat(JSON.readTree(send(api, "GET", "/_local/status", null).body()).get("queues").findValuesAsText("name"))
          .contains(cloud.layout().rows().name(), cloud.layout().rows().deadLetterName());
    }
  }

  /** One request line sent as is over a socket; the whole answer. */
  private static String raw(URI api, String requestLine) throws Exception {
    return raw(api, requestLine, "Host: 127.0.0.1");
  }

  /** One request line and headers (and whatever follows them) sent as is over a socket; the whole answer. */
  private static String raw(URI api, String requestLine, String rest) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(api.getHost(), api.getPort())) {
      socket.getOutputStream().write((requestLine + "\r\nConnection: close\r\n" + rest + (rest.contains("\r\n\r\n") ? "" : "\r\n\r\n"))
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(URI api, String method, String path, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
