package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three kinds of line a stream log's segment holds, one JSON object each: a record ({@code {"record": ...}},
 * numbered by its {@code SequenceNumber}), an intent ({@code {"intent": id, "keys": [...], "before": [...]}}) and an
 * intent's end ({@code {"ended": id}}).
 */
final class LogLines {

  /** One line read back. */
  sealed interface Line permits Appended, Intended, Ended {
  }

  record Appended(StreamRecord record) implements Line {
  }

  record Intended(WriteIntent intent) implements Line {
  }

  record Ended(long intent) implements Line {
  }

  private LogLines() {
  }

  static ObjectNode record(StreamRecord record) {
    ObjectNode r = DynamoDbRequests.JSON.createObjectNode().put("eventID", record.eventId()).put("eventName", record.eventName());
    r.set("dynamodb", record.dynamodb());
    return DynamoDbRequests.JSON.createObjectNode().set("record", r);
  }

  static ObjectNode intent(WriteIntent intent) {
    ObjectNode line = DynamoDbRequests.JSON.createObjectNode().put("intent", intent.id());
    ArrayNode keyList = line.putArray("keys");
    intent.keys().forEach(keyList::add);
    ArrayNode images = line.putArray("before");
    intent.before().forEach((key, item) -> {
      try {
        images.addObject().<ObjectNode>set("key", DynamoDbRequests.JSON.readTree(key)).set("item", item);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return line;
  }

  static ObjectNode ended(long intent) {
    return DynamoDbRequests.JSON.createObjectNode().put("ended", intent);
  }

  /** The line, or empty for one that is not a whole line of the log (the last one a killed process was writing). */
  static Optional<Line> parse(String text) {
    JsonNode entry;
    try {
      entry = DynamoDbRequests.JSON.readTree(text);
    } catch (IOException torn) {
      return Optional.empty();
    }
    if (entry.has("record")) {
      JsonNode r = entry.get("record");
      return Optional.of(new Appended(new StreamRecord(r.path("eventID").asText(), r.path("eventName").asText(),
          (ObjectNode) r.get("dynamodb"))));
    }
    if (entry.has("intent")) {
      List<ObjectNode> keys = new ArrayList<>();
      entry.path("keys").forEach(k -> keys.add((ObjectNode) k));
      Map<String, JsonNode> before = new LinkedHashMap<>();
      entry.path("before").forEach(item -> before.put(item.path("key").toString(), item.path("item")));
      return Optional.of(new Intended(new WriteIntent(entry.get("intent").asLong(), keys, before)));
    }
    if (entry.has("ended")) {
      return Optional.of(new Ended(entry.get("ended").asLong()));
    }
    return Optional.empty();
  }
}
