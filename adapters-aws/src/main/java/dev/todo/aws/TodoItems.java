package dev.todo.aws;

import dev.todo.domain.Todo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A todo as a DynamoDB item, as the todo service stores it: {@code todoId} (S, the key), {@code name} (S),
 * {@code completed} (BOOL), {@code createdAt} and {@code updatedAt} (N, epoch ms), extra attributes as S.
 */
public final class TodoItems {

  static final String ID = "todoId";
  private static final String NAME = "name";
  private static final String COMPLETED = "completed";
  private static final String CREATED_AT = "createdAt";
  private static final String UPDATED_AT = "updatedAt";
  /** The attributes every todo item has; extra attributes come on top. */
  static final List<String> FIXED_ATTRIBUTES = List.of(ID, NAME, COMPLETED, CREATED_AT, UPDATED_AT);

  private TodoItems() {
  }

  public static Map<String, AttributeValue> toItem(Todo todo) {
    Map<String, AttributeValue> item = new HashMap<>(todo.attributes().size() + 5);
    todo.attributes().forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
    item.put(ID, AttributeValue.fromS(todo.todoId()));
    item.put(NAME, AttributeValue.fromS(todo.name()));
    item.put(COMPLETED, AttributeValue.fromBool(todo.completed()));
    item.put(CREATED_AT, AttributeValue.fromN(Long.toString(todo.createdAt())));
    item.put(UPDATED_AT, AttributeValue.fromN(Long.toString(todo.updatedAt())));
    return item;
  }

  /** The todo as one put of a BatchWriteItem call. */
  public static WriteRequest putRequest(Todo todo) {
    return WriteRequest.builder().putRequest(p -> p.item(toItem(todo))).build();
  }

  static Todo fromItem(Map<String, AttributeValue> item) {
    Map<String, String> extras = new HashMap<>();
    item.forEach((k, v) -> {
      if (!FIXED_ATTRIBUTES.contains(k) && v.s() != null) {
        extras.put(k, v.s());
      }
    });
    return new Todo(item.get(ID).s(), text(item, NAME), Boolean.TRUE.equals(item.getOrDefault(COMPLETED, AttributeValue.fromBool(false)).bool()),
        number(item, CREATED_AT), number(item, UPDATED_AT), extras);
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? "" : v.s();
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }
}
