package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.todo.services.FaultRate;
import dev.todo.services.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What stands between the functions and the local DynamoDB: it forwards every request, hands every write through
 * {@link TableStreams} (dynalite has no streams), and injects faults: a given fraction of BatchWriteItem calls is
 * answered as DynamoDB answers a table over its capacity ({@code ProvisionedThroughputExceededException}), so the
 * SDK and the adapter meet genuine throttling; and, while it is told a table is down, every write to it fails with a
 * 500.
 */
public final class DynamoDbProxy implements AutoCloseable {

  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade");
  private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
      + "\"message\":\"(injected) The level of configured provisioned throughput for the table was exceeded.\"}";

  private static final String DOWN = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
      + "\"message\":\"(injected) Internal server error\"}";

  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicLong throttled = new AtomicLong();
  private final FaultRate throttling;
  private final TableStreams streams;
  private final URI target;
  private final LocalIam iam;
  private volatile String down; // the table whose writes fail, or null

  public DynamoDbProxy(URI target, double fraction, TableStreams streams, LocalIam iam) {
    this.throttling = new FaultRate(fraction);
    this.streams = streams;
    this.target = target;
    this.iam = iam;
    server = LoopbackHttpServer.create("dynamodb-proxy", 16);
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String prefix = operation.substring(0, operation.lastIndexOf('.') + 1); // DynamoDB_20120810.
        String action = operation.substring(prefix.length());
        LocalIam.Caller caller = LocalIam.Caller.of(exchange.getRequestURI().getPath());
        Optional<String> refused = caller.function().flatMap(f -> iam.refusal(f, action, readTree(body)));
        if (refused.isPresent()) {
          reply(exchange, 400, DynamoDbRequests.JSON.writeValueAsBytes(java.util.Map.of(
              "__type", "com.amazon.coral.service#AccessDeniedException", "Message", refused.get())));
          return;
        }
        String down = this.down;
        if (down != null && DynamoDbRequests.isWrite(action) && DynamoDbRequests.tablesOf(readTree(body)).contains(down)) {
          reply(exchange, 500, DOWN.getBytes(StandardCharsets.UTF_8));
          return;
        }
        if (operation.endsWith(".BatchWriteItem")) {
          if (throttling.strikes()) {
            throttled.incrementAndGet();
            reply(exchange, 400, THROTTLED.getBytes(StandardCharsets.UTF_8));
            return;
          }
        }
        TableStreams.Answer answer = streams.forward(action, body, (op, request) -> {
          HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(caller.path()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(request));
          exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("X-Amz-Target")) {
              values.forEach(v -> forward.header(name, v));
            }
          });
          forward.header("X-Amz-Target", prefix + op); // dynalite checks a signature's form, not its value
          HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
          return new TableStreams.Answer(response.statusCode(), response.body());
        });
        reply(exchange, answer.status(), namingTheTable(answer, body));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) { // the stream's reads or its log failed: the SDK retries a 500
        reply(exchange, 500, ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
            + "\"message\":" + DynamoDbRequests.JSON.writeValueAsString(e.getMessage()) + "}").getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  /**
   * Has {@code streams} make the records a killed process left unmade, reading from the table straight (the server
   * checks the form of a request's signature, not its value).
   */
  public void recover(TableStreams streams) {
    try {
      streams.recover((operation, request) -> {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
            .header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", "DynamoDB_20120810." + operation)
            .header("X-Amz-Date", "20260101T000000Z")
            .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000")
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        return new TableStreams.Answer(response.statusCode(), response.body());
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("recovering the streams' records failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recovering the streams' records", e);
    }
  }

  /**
   * dynalite says only "Requested resource not found" when a table is missing; DynamoDB names it ("Requested resource
   * not found: Table: todos not found"), and so does this answer, so an error in a function's log says which table.
   */
  private static byte[] namingTheTable(TableStreams.Answer answer, byte[] request) throws IOException {
    if (answer.status() != 400 || !new String(answer.body(), StandardCharsets.UTF_8).contains("ResourceNotFoundException")) {
      return answer.body();
    }
    java.util.List<String> tables = DynamoDbRequests.tablesOf(DynamoDbRequests.JSON.readTree(request));
    if (tables.isEmpty()) {
      return answer.body();
    }
    com.fasterxml.jackson.databind.node.ObjectNode named = (com.fasterxml.jackson.databind.node.ObjectNode) DynamoDbRequests.JSON.readTree(answer.body());
    named.put("message", "Requested resource not found: Table: " + String.join(", ", tables) + " not found");
    return DynamoDbRequests.JSON.writeValueAsBytes(named);
  }

  private static JsonNode readTree(byte[] body) {
    try {
      return DynamoDbRequests.JSON.readTree(body);
    } catch (IOException e) {
      return DynamoDbRequests.JSON.createObjectNode(); // not JSON: DynamoDB's own answer says so
    }
  }

  /** The endpoint a function calls DynamoDB at: its calls are checked against its grants ({@link LocalIam}). */
  public URI endpointFor(String function) {
    return endpoint().resolve(LocalIam.pathOf(function));
  }

  /** Until called again with empty, every write to {@code table} is answered with a 500 internal server error. */
  void down(Optional<String> table) {
    this.down = table.orElse(null);
  }

  public void start() {
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  long throttled() {
    return throttled.get();
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    LoopbackHttpServer.reply(exchange, status, "application/x-amz-json-1.0", body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
