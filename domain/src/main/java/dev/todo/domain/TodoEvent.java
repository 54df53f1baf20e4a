package dev.todo.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event of the todo service, as the seed workshop puts it on its bus: a detail type ({@link Type}), the source
 * {@value #SOURCE}, and a JSON detail (the todo, or an import's outcome). {@code eventId} is stable across
 * retries, so a consumer that sees an event twice (delivery is at least once) can tell.
 */
public record TodoEvent(String eventId, Type type, Map<String, Object> detail) {

  /** The {@code Source} of every event, as in the seed. */
  public static final String SOURCE = "TodoService";
  private static final String EVENT_ID = "eventId";

  /** The detail types, spelled as the seed spells them. */
  public enum Type {
    TODO_CREATED("todoCreated"), TODO_COMPLETED("todoCompleted"), TODO_DELETED("todoDeleted"),
    IMPORT_COMPLETED("importCompleted");

    private final String detailType;

    Type(String detailType) {
      this.detailType = detailType;
    }

    public String detailType() {
      return detailType;
    }
  }

  public TodoEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    detail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }

  /**
   * The most a todo event's detail takes, in UTF-8 JSON: with room to spare under EventBridge's 256 KB per entry
   * (which counts the detail type, source and envelope too), where a todo may reach 300 KB.
   */
  public static final int MAX_DETAIL_BYTES = 200 * 1024;
  /** Set in the detail of an event whose todo's extra attributes did not fit: read the todo for them. */
  public static final String ATTRIBUTES_OMITTED = "attributesOmitted";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The seed's todo event: the todo's fields (and any extra attributes) as the detail. A todo too large for an event
   * is announced all the same, with its own fields and {@code attributesOmitted: true} instead of its extra
   * attributes (a consumer reads them with {@code GET /todo/{todoId}}), so no change goes unannounced.
   */
  static TodoEvent of(String eventId, Type type, Todo todo) {
    Map<String, Object> detail = fields(todo);
    if (mayNotFit(todo) && detailBytes(detail) > MAX_DETAIL_BYTES) {
      Map<String, String> mark = Optional.ofNullable(todo.attributes().get(Todo.IMPORT_ID))
          .map(id -> Map.of(Todo.IMPORT_ID, id)).orElse(Map.of());
      detail = fields(new Todo(todo.todoId(), todo.name(), todo.completed(), todo.createdAt(), todo.updatedAt(), mark,
          todo.version()));
      detail.put(ATTRIBUTES_OMITTED, true);
    }
    return new TodoEvent(eventId, type, detail);
  }

  /** Whether the todo could be over the limit at all (no character takes more than 6 bytes in JSON). */
  private static boolean mayNotFit(Todo todo) {
    long chars = todo.name().length() + todo.todoId().length();
    for (Map.Entry<String, String> a : todo.attributes().entrySet()) {
      chars += a.getKey().length() + a.getValue().length() + 8;
    }
    return chars * 6 > MAX_DETAIL_BYTES;
  }

  private static long detailBytes(Map<String, Object> detail) {
    try {
      return JSON.writeValueAsBytes(detail).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The announcement that an import reached a final state: its counts, status, and error report or failure. One
   * per import and final status, hence that pair as its id.
   */
  public static TodoEvent importCompleted(ImportRecord r) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("importId", r.importId().value());
    detail.put("status", r.status().name());
    detail.put("bucket", r.source().bucket());
    detail.put("key", r.source().key());
    detail.put("rowsRead", r.progress().rowsRead());
    detail.put("rowsQueued", r.progress().rowsQueued());
    detail.put("rowsWritten", r.rowsWritten());
    detail.put("rowsRejected", r.progress().rowsRejected());
    detail.put("rowsFailed", r.rowsFailed());
    detail.put("startedAt", r.startedAt());
    r.finishedAt().ifPresent(f -> detail.put("finishedAt", f));
    r.errorReport().ifPresent(e -> detail.put("errorReport", e));
    r.failure().ifPresent(f -> detail.put("failure", f));
    return new TodoEvent(r.importId().value() + "/" + r.status().name(), Type.IMPORT_COMPLETED, detail);
  }

  /** The detail as the bus carries it: the event's detail with its {@code eventId}. */
  public Map<String, Object> busDetail() {
    Map<String, Object> json = new LinkedHashMap<>(detail);
    json.put(EVENT_ID, eventId);
    return json;
  }

  /** An event as the bus carried it, from its detail type and {@link #busDetail()}. */
  public static TodoEvent fromBus(String detailType, Map<String, Object> busDetail) {
    Map<String, Object> detail = new LinkedHashMap<>(busDetail);
    Object id = detail.remove(EVENT_ID);
    Type type = java.util.Arrays.stream(Type.values()).filter(t -> t.detailType.equals(detailType)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an event of the todo service: " + detailType));
    if (!(id instanceof String eventId)) {
      throw new IllegalArgumentException("the detail has no eventId");
    }
    return new TodoEvent(eventId, type, detail);
  }

  /** A todo as JSON fields: its extra attributes, then the fixed ones (which win a name clash). */
  public static Map<String, Object> fields(Todo t) {
    Map<String, Object> json = new LinkedHashMap<>(t.attributes());
    json.put("todoId", t.todoId());
    json.put("name", t.name());
    json.put("completed", t.completed());
    json.put("createdAt", t.createdAt());
    json.put("updatedAt", t.updatedAt());
    json.put("version", t.version());
    return json;
  }
}
