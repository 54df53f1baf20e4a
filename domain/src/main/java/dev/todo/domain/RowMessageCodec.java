package dev.todo.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue message format, version 1: {@code {"v":1,"importId":"...","rows":[{"line":2,"todoId":...},...]}}; a
 * row that upserts a todo by its id also carries {@code "upsert":true} and {@code "keep":[...]}, what it leaves unsaid;
 * a message whose rows may have been queued before carries {@code "again":true} (see {@link RowMessage}).
 * Rows are encoded one at a time so a packer can measure them before it commits them to a message.
 */
public final class RowMessageCodec {

  public static final int VERSION = 1;

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  private RowMessageCodec() {
  }

  /** The opening of a message body up to its first row. */
  public static String envelopeStart(ImportId importId, boolean again) {
    return "{\"v\":" + VERSION + ",\"importId\":" + quote(importId.value()) + (again ? ",\"again\":true" : "")
        + ",\"rows\":[";
  }

  public static String envelopeEnd() {
    return "]}";
  }

  /** One row as UTF-8 JSON. */
  public static byte[] encodeRow(TodoRow row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      Todo t = row.todo();
      g.writeStartObject();
      g.writeNumberField("line", row.line());
      g.writeStringField("todoId", t.todoId());
      g.writeStringField("name", t.name());
      g.writeBooleanField("completed", t.completed());
      g.writeNumberField("createdAt", t.createdAt());
      g.writeNumberField("updatedAt", t.updatedAt());
      if (!t.attributes().isEmpty()) {
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> e : t.attributes().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      if (row.upsert()) {
        g.writeBooleanField("upsert", true);
        g.writeArrayFieldStart("keep");
        for (String field : row.unstated()) {
          g.writeString(field);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String encode(RowMessage message) {
    StringBuilder body = new StringBuilder(envelopeStart(message.importId(), message.again()));
    for (int i = 0; i < message.rows().size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(new String(encodeRow(message.rows().get(i)), java.nio.charset.StandardCharsets.UTF_8));
    }
    return body.append(envelopeEnd()).toString();
  }

  public static RowMessage decode(String body) throws MalformedMessageException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("message body is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedMessageException("message body is not a JSON object");
    }
    if (root.path("v").asInt(-1) != VERSION) {
      throw new MalformedMessageException("unsupported message version " + root.path("v") + " (expected " + VERSION + ")");
    }
    String importId = text(root, "importId");
    JsonNode rows = root.path("rows");
    if (!rows.isArray() || rows.isEmpty()) {
      throw new MalformedMessageException("message has no rows");
    }
    List<TodoRow> decoded = new ArrayList<>(rows.size());
    for (JsonNode r : rows) {
      decoded.add(decodeRow(r));
    }
    return new RowMessage(new ImportId(importId), decoded, root.path("again").asBoolean(false));
  }

  private static TodoRow decodeRow(JsonNode r) throws MalformedMessageException {
    if (!r.path("line").canConvertToLong() || !r.path("completed").isBoolean()
        || !r.path("createdAt").canConvertToLong() || !r.path("updatedAt").canConvertToLong()) {
      throw new MalformedMessageException("row is missing line, completed, createdAt or updatedAt: " + r);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = r.path("attributes").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      attributes.put(e.getKey(), e.getValue().asText());
    }
    Todo todo = new Todo(text(r, "todoId"), text(r, "name"), r.get("completed").booleanValue(),
        r.get("createdAt").longValue(), r.get("updatedAt").longValue(), attributes);
    Set<String> keep = new HashSet<>();
    r.path("keep").forEach(field -> keep.add(field.asText()));
    return new TodoRow(r.get("line").longValue(), todo, r.path("upsert").asBoolean(false), keep);
  }

  private static String text(JsonNode node, String field) throws MalformedMessageException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedMessageException("'" + field + "' is missing or not a string");
    }
    return value.textValue();
  }

  private static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
