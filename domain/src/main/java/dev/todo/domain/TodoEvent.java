package dev.todo.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

  /** The seed's todo event: the todo's fields (and any extra attributes) as the detail. */
  static TodoEvent of(String eventId, Type type, Todo todo) {
    return new TodoEvent(eventId, type, fields(todo));
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
