package dev.todo.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** An object reference as the fields of a JSON message: {@code bucket}, {@code key}, and {@code versionId}, {@code eTag} if known. */
public final class ObjectRefJson {

  private ObjectRefJson() {
  }

  public static void write(ObjectNode message, ObjectRef ref) {
    message.put("bucket", ref.bucket());
    message.put("key", ref.key());
    ref.versionId().ifPresent(v -> message.put("versionId", v));
    ref.eTag().ifPresent(e -> message.put("eTag", e));
  }

  /** The reference the message's fields make; empty if it has no textual bucket and key. */
  public static Optional<ObjectRef> read(JsonNode message) {
    if (!message.path("bucket").isTextual() || !message.path("key").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(new ObjectRef(message.get("bucket").asText(), message.get("key").asText(), text(message, "versionId"),
        text(message, "eTag")));
  }

  private static Optional<String> text(JsonNode message, String field) {
    return Optional.ofNullable(message.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
  }
}
