package dev.todo.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A checkpoint as JSON, so a paused import can be handed to another process (a continuation message). */
public final class CheckpointCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CheckpointCodec() {
  }

  public static String encode(Checkpoint c) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("v", 1);
    ObjectRefJson.write(root, c.source());
    root.put("line", c.position().line());
    root.put("byteOffset", c.position().byteOffset());
    root.put("gzip", c.compression() == Compression.GZIP); // read by versions that knew gzip alone
    root.put("compression", c.compression().name());
    root.put("kind", c.kind().name());
    root.put("delimiter", String.valueOf(c.delimiter()));
    c.header().forEach(root.putArray("header")::add);
    root.put("rowsRead", c.progress().rowsRead());
    root.put("rowsQueued", c.progress().rowsQueued());
    root.put("rowsRejected", c.progress().rowsRejected());
    return root.toString();
  }

  public static Checkpoint decode(String json) throws MalformedMessageException {
    JsonNode r;
    try {
      r = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("checkpoint is not JSON: " + e.getOriginalMessage(), e);
    }
    Optional<ObjectRef> source = r == null ? Optional.empty() : ObjectRefJson.read(r);
    if (source.isEmpty() || r.path("v").asInt() != 1
        || !r.path("line").canConvertToLong() || !r.path("byteOffset").canConvertToLong() || !r.path("header").isArray()) {
      throw new MalformedMessageException("not a version 1 checkpoint: " + json);
    }
    List<String> header = new ArrayList<>();
    r.path("header").forEach(h -> header.add(h.asText()));
    Compression compression;
    FileFormat.Kind kind;
    try {
      compression = r.has("compression") ? Compression.valueOf(r.get("compression").asText())
          : r.path("gzip").asBoolean() ? Compression.GZIP : Compression.NONE;
      kind = FileFormat.Kind.valueOf(r.path("kind").asText(FileFormat.Kind.DELIMITED.name()));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("checkpoint names an unknown compression or kind of file: " + json);
    }
    String delimiter = r.path("delimiter").asText(",");
    if (delimiter.length() != 1) {
      throw new MalformedMessageException("checkpoint's delimiter is not one character: " + json);
    }
    return new Checkpoint(source.get(), new ReadPosition(r.get("line").asLong(), r.get("byteOffset").asLong()), header,
        compression, kind, delimiter.charAt(0), new ImportProgress(r.path("rowsRead").asLong(), r.path("rowsQueued").asLong(),
        r.path("rowsRejected").asLong()));
  }
}
