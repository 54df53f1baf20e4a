package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.domain.ExportRecord;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoEvent;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The REST API's JSON: todos as the table stores them, import records, and error bodies. */
public final class ApiJson {

  /** Duplicate keys in a body are an error, not "the last one wins". */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ApiJson() {
  }

  static Map<String, Object> todo(Todo t) {
    return TodoEvent.fields(t);
  }

  /** A todo as the answer, with its version as the {@code ETag} that {@code If-Match} takes back. */
  static APIGatewayProxyResponseEvent todo(int status, Todo t) {
    APIGatewayProxyResponseEvent response = respond(status, todo(t));
    response.getHeaders().put("ETag", EntityTags.of(t.version()));
    return response;
  }

  /** An import as {@code GET /imports/{importId}} answers it. */
  public static ObjectNode importRecord(ImportRecord r) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("importId", r.importId().value());
    json.put("status", r.status().name());
    ObjectNode source = json.putObject("source");
    source.put("bucket", r.source().bucket());
    source.put("key", r.source().key());
    r.source().versionId().ifPresent(v -> source.put("versionId", v));
    r.source().eTag().ifPresent(e -> source.put("eTag", e));
    json.put("rowsRead", r.progress().rowsRead());
    json.put("rowsQueued", r.progress().rowsQueued());
    json.put("rowsWritten", r.rowsWritten());
    json.put("rowsRejected", r.progress().rowsRejected());
    json.put("rowsFailed", r.rowsFailed());
    json.put("startedAt", r.startedAt());
    r.finishedAt().ifPresent(f -> json.put("finishedAt", f));
    r.errorReport().ifPresent(e -> json.put("errorReport", e));
    r.failure().ifPresent(f -> json.put("failure", f));
    return json;
  }

  /** An export's record, with the link to download its file when there is one. */
  public static ObjectNode exportRecord(ExportRecord r, Optional<URI> download) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("exportId", r.exportId());
    json.put("status", r.status().name());
    json.put("format", r.format().toString());
    ObjectNode filter = json.putObject("filter");
    r.filter().completed().ifPresent(c -> filter.put("completed", c));
    r.filter().importId().ifPresent(i -> filter.put("importId", i));
    json.put("key", r.key());
    json.put("segments", r.segments());
    json.put("segmentsDone", r.segmentsDone());
    json.put("rowsExported", r.rows());
    json.put("bytes", r.bytes());
    json.put("startedAt", r.startedAt());
    r.finishedAt().ifPresent(f -> json.put("finishedAt", f));
    r.reason().ifPresent(f -> json.put("failure", f));
    download.ifPresent(d -> json.put("downloadUrl", d.toString()));
    return json;
  }

  static APIGatewayProxyResponseEvent respond(int status, Object body) {
    try {
      return new APIGatewayProxyResponseEvent().withStatusCode(status)
          .withHeaders(new java.util.HashMap<>(Map.of("Content-Type", "application/json")))
          .withBody(body == null ? null : MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static APIGatewayProxyResponseEvent error(int status, String message) {
    return respond(status, Map.of("message", message));
  }
}
