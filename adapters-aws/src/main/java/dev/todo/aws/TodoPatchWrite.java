package dev.todo.aws;

import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A {@link TodoPatch} as one DynamoDB {@code UpdateItem}: {@code SET} of the fields it states, {@code updatedAt}, the
 * import's mark (or {@code REMOVE} of it) and the next version, so the fields it leaves unsaid keep whatever the item
 * holds at the moment of the write. An item the patch creates gets {@code completed} false and a {@code createdAt}.
 */
final class TodoPatchWrite {

  private final List<String> sets = new ArrayList<>();
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, String> placeholders = new HashMap<>(); // attribute -> its #name, the reverse of names
  private final Map<String, AttributeValue> values = new HashMap<>();

  private TodoPatchWrite() {
  }

  /** The patch as an upsert: it creates the todo when none is stored; the import needs nothing back. */
  static UpdateItemRequest upsert(String table, TodoPatch patch) {
    TodoPatchWrite write = new TodoPatchWrite();
    return write.placeholders(write.request(table, patch)).build();
  }

  /**
   * The patch of a stored todo only, and with {@code versions} only of one at one of them (a stored todo without a
   * version is at version 0).
   */
  static UpdateItemRequest update(String table, TodoPatch patch, Set<Long> versions) {
    TodoPatchWrite write = new TodoPatchWrite();
    UpdateItemRequest.Builder request = write.request(table, patch).conditionExpression(write.existsAt(versions))
        .returnValues("ALL_NEW");
    return write.placeholders(request).build();
  }

  /** The condition of a write that needs a stored todo at one of {@code versions} (any version when empty). */
  String existsAt(Set<Long> versions) {
    String exists = "attribute_exists(" + name(TodoTableSchema.ID) + ")";
    if (versions.isEmpty()) {
      return exists;
    }
    List<String> placeholders = new ArrayList<>();
    for (long v : versions) {
      placeholders.add(value(AttributeValue.fromN(Long.toString(v))));
    }
    String version = name(TodoTableSchema.VERSION);
    String at = version + " IN (" + String.join(", ", placeholders) + ")";
    return exists + " AND (" + (versions.contains(0L) ? "attribute_not_exists(" + version + ") OR " + at : at) + ")";
  }

  /** The condition alone, with its names and values, for a delete. */
  static Condition condition(Set<Long> versions) {
    TodoPatchWrite write = new TodoPatchWrite();
    String expression = write.existsAt(versions);
    return new Condition(expression, write.names, write.values);
  }

  /** A condition expression with its placeholders. */
  record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
  }

  /** The update itself; the caller adds a condition, if any, then the placeholders everything used. */
  private UpdateItemRequest.Builder request(String table, TodoPatch patch) {
    patch.name().ifPresent(n -> set(TodoTableSchema.NAME, AttributeValue.fromS(n)));
    AttributeValue updatedAt = AttributeValue.fromN(Long.toString(patch.updatedAt()));
    patch.completed().ifPresentOrElse(c -> set(TodoTableSchema.COMPLETED, AttributeValue.fromBool(c)),
        () -> setIfAbsent(TodoTableSchema.COMPLETED, AttributeValue.fromBool(false)));
    patch.createdAt().ifPresentOrElse(c -> set(TodoTableSchema.CREATED_AT, AttributeValue.fromN(Long.toString(c))),
        () -> setIfAbsent(TodoTableSchema.CREATED_AT, updatedAt));
    set(TodoTableSchema.UPDATED_AT, updatedAt);
    patch.attributes().forEach((k, v) -> set(k, AttributeValue.fromS(v)));
    String version = name(TodoTableSchema.VERSION);
    sets.add(version + " = if_not_exists(" + version + ", " + value(AttributeValue.fromN("0")) + ") + "
        + value(AttributeValue.fromN("1")));
    String expression = "SET " + String.join(", ", sets);
    if (patch.writtenBy().isPresent()) {
      expression += ", " + name(Todo.IMPORT_ID) + " = " + value(AttributeValue.fromS(patch.writtenBy().get().value()));
    } else {
      expression += " REMOVE " + name(Todo.IMPORT_ID);
    }
    return UpdateItemRequest.builder().tableName(table).key(Map.of(TodoTableSchema.ID, AttributeValue.fromS(patch.todoId())))
        .updateExpression(expression);
  }

  private UpdateItemRequest.Builder placeholders(UpdateItemRequest.Builder request) {
    return request.expressionAttributeNames(names).expressionAttributeValues(values);
  }

  private void set(String attribute, AttributeValue v) {
    sets.add(name(attribute) + " = " + value(v));
  }

  private void setIfAbsent(String attribute, AttributeValue v) {
    String name = name(attribute);
    sets.add(name + " = if_not_exists(" + name + ", " + value(v) + ")");
  }

  private String name(String attribute) {
    return placeholders.computeIfAbsent(attribute, a -> {
      String placeholder = "#a" + names.size();
      names.put(placeholder, a);
      return placeholder;
    });
  }

  private String value(AttributeValue v) {
    String placeholder = ":v" + values.size();
    values.put(placeholder, v);
    return placeholder;
  }
}
