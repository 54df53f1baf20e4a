package dev.todo.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An EventBridge bus on 127.0.0.1, as far as a publisher meets one: {@code PutEvents} (JSON 1.1 protocol) with
 * EventBridge's limits (10 entries a call, 256 KB, a detail that is a JSON object, a known bus) and its partial
 * failures. Each accepted entry becomes the event JSON EventBridge hands a rule's target (id, detail-type,
 * source, account, time, region, detail), given to the listener that plays the bus's rules. A fault injector can
 * refuse a fraction of the entries with {@code InternalFailure}, as a bus under strain does. Given a directory, the
 * bus archives every accepted event there ({@code archive.jsonl}, one event per line, as an EventBridge archive
 * keeps them) and reads its history back from it when it starts again.
 */
public final class EventBridgeServer implements AutoCloseable {

  static final int MAX_ENTRIES = 10;
  static final int MAX_BYTES = 256 * 1024;
  private static final int RECENT = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String busName;
  private final String region;
  private final Deque<ObjectNode> recent = new ArrayDeque<>();
  private final String account;
  private final FaultRate refusals = new FaultRate(0);
  private final AtomicLong accepted = new AtomicLong();
  private final List<Consumer<JsonNode>> targets = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Optional<EventArchive> archive;
  private volatile java.util.function.Predicate<JsonNode> malformed = detail -> false;

  private EventBridgeServer(String busName, String region, String account, Optional<Path> archiveDir) throws IOException {
    this.busName = busName;
    this.region = region;
    this.account = account;
    this.archive = archiveDir.isEmpty() ? Optional.empty() : Optional.of(new EventArchive(archiveDir.get().resolve("archive.jsonl"), RECENT));
    archive.ifPresent(a -> {
      accepted.set(a.count());
      recent.addAll(a.latest());
    });
    server = LoopbackHttpServer.create("eventbridge", 4);
    server.createContext("/", this::handle);
  }

  /** A bus named {@code busName} of that region and account on a free port of 127.0.0.1, its history in memory. */
  public static EventBridgeServer start(String busName, String region, String account) {
    return start(busName, region, account, Optional.empty());
  }

  /** The same bus, archiving its events under {@code archiveDir} (if given) and remembering those archived before. */
  public static EventBridgeServer start(String busName, String region, String account, Optional<Path> archiveDir) {
    try {
      EventBridgeServer bus = new EventBridgeServer(busName, region, account, archiveDir);
      bus.server.start();
      return bus;
    } catch (IOException e) {
      throw new UncheckedIOException("the bus's archive in " + archiveDir.orElseThrow() + " cannot be opened: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String busArn() {
    return "arn:aws:events:" + region + ":" + account + ":event-bus/" + busName;
  }

  /** Adds what plays one of the bus's rules: it gets each accepted event as the JSON a rule's target receives. */
  public void onEvent(Consumer<JsonNode> target) {
    targets.add(target);
  }

  /** Fault injection: from now on this fraction of the entries is refused with {@code InternalFailure}. */
  public void refuseEntries(double fraction) {
    refusals.set(fraction);
  }

  /**
   * Fault injection: from now on every entry whose detail matches is refused with {@code MalformedDetail}, as the bus
   * refuses an entry that will never be taken, however often it is sent.
   */
  public void refuseDetails(java.util.function.Predicate<JsonNode> which) {
    malformed = which;
  }

  /** How many entries the bus accepted. */
  public long accepted() {
    return accepted.get();
  }

  /** The latest accepted events, newest first, as rule targets receive them. */
  public List<JsonNode> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!target.equals("AWSEvents.PutEvents")) {
        error(exchange, 400, "UnknownOperationException", "this local bus answers PutEvents only, not " + target);
        return;
      }
      JsonNode request;
      try {
        request = JSON.readTree(body);
      } catch (IOException e) {
        error(exchange, 400, "SerializationException", "the request is not JSON");
        return;
      }
      JsonNode entries = request.path("Entries");
      if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
        error(exchange, 400, "ValidationException", "Entries must hold 1 to " + MAX_ENTRIES + " entries");
        return;
      }
      if (body.length > MAX_BYTES) {
        error(exchange, 400, "ValidationException", "Total size of the entries in the request is over the limit.");
        return;
      }
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode results = answer.putArray("Entries");
      int failed = 0;
      List<ObjectNode> events = new ArrayList<>();
      for (JsonNode entry : entries) {
        ObjectNode result = results.addObject();
        JsonNode detail = detail(entry);
        String problem = problem(entry, detail);
        boolean refuse = refusals.strikes(); // every entry counts, taken or not
        if (problem == null && refuse) {
          problem = "InternalFailure:(injected) the bus could not take the entry; send it again";
        }
        if (problem != null) {
          failed++;
          int colon = problem.indexOf(':');
          result.put("ErrorCode", problem.substring(0, colon)).put("ErrorMessage", problem.substring(colon + 1));
          continue;
        }
        ObjectNode event = event(entry, detail);
        result.put("EventId", event.get("id").asText());
        events.add(event);
      }
      answer.put("FailedEntryCount", failed);
      if (archive.isPresent()) {
        archive.get().append(events);
      }
      for (ObjectNode event : events) {
        accepted.incrementAndGet();
        synchronized (recent) {
          recent.addFirst(event);
          if (recent.size() > RECENT) {
            recent.removeLast();
          }
        }
        targets.forEach(t -> t.accept(event));
      }
      reply(exchange, 200, JSON.writeValueAsBytes(answer));
    }
  }

  /** The entry's detail as JSON, or null if it is none. */
  private static JsonNode detail(JsonNode entry) {
    try {
      return JSON.readTree(entry.path("Detail").asText(""));
    } catch (IOException e) {
      return null;
    }
  }

  /** Why EventBridge would refuse the entry, as {@code ErrorCode:ErrorMessage}; null if it takes it. */
  private String problem(JsonNode entry, JsonNode detail) {
    String bus = entry.path("EventBusName").asText("default");
    if (!bus.equals(busName) && !bus.equals(busArn())) {
      return "ResourceNotFoundException:Event bus " + bus + " does not exist.";
    }
    if (entry.path("Source").asText("").isEmpty() || entry.path("DetailType").asText("").isEmpty()) {
      return "InvalidArgument:Parameters Source and DetailType are required.";
    }
    return detail == null || !detail.isObject() || malformed.test(detail) ? "MalformedDetail:Detail is malformed." : null;
  }

  private ObjectNode event(JsonNode entry, JsonNode detail) {
    ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
        .put("detail-type", entry.get("DetailType").asText()).put("source", entry.get("Source").asText())
        .put("account", account).put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).put("region", region);
    ArrayNode resources = event.putArray("resources");
    entry.path("Resources").forEach(resources::add);
    event.set("detail", detail);
    return event;
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    reply(exchange, status, JSON.writeValueAsBytes(JSON.createObjectNode().put("__type", type).put("message", message)));
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    LoopbackHttpServer.reply(exchange, status, "application/x-amz-json-1.1", body);
  }

  @Override
  public void close() {
    server.stop(0);
    archive.ifPresent(EventArchive::close);
  }
}
