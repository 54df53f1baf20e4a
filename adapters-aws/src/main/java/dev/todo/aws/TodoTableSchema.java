package dev.todo.aws;

import dev.todo.domain.Todo;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one mapping of a {@link Todo} to a DynamoDB item, as the enhanced client's schema: {@code todoId} (S, the
 * key), {@code name} (S), {@code completed} (BOOL), {@code createdAt} and {@code updatedAt} (N, epoch ms), each extra
 * attribute as S, and {@code version} (N; an item written before versions existed has none and reads as 0). Written by hand because the bean and static schemas cannot flatten the extras map; cheaper than
 * the document schema, which converts every item twice.
 */
public final class TodoTableSchema implements TableSchema<Todo> {

  public static final TodoTableSchema INSTANCE = new TodoTableSchema();

  static final String ID = "todoId";
  static final String NAME = "name";
  static final String COMPLETED = "completed";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";
  static final String VERSION = "version";
  /** The attributes every todo item has; extra attributes come on top. */
  private static final List<String> FIXED_ATTRIBUTES = List.of(ID, NAME, COMPLETED, CREATED_AT, UPDATED_AT, VERSION);

  private static final TableMetadata METADATA = StaticTableMetadata.builder()
      .addIndexPartitionKey(TableMetadata.primaryIndexName(), ID, AttributeValueType.S).build();

  private TodoTableSchema() {
  }

  /** The todo as one put of a BatchWriteItem call, for the plain client's batch path. */
  public WriteRequest putRequest(Todo todo) {
    return WriteRequest.builder().putRequest(p -> p.item(itemToMap(todo, true))).build();
  }

  @Override
  public Map<String, AttributeValue> itemToMap(Todo todo, boolean ignoreNulls) {
    Map<String, AttributeValue> item = new HashMap<>(todo.attributes().size() + 6);
    todo.attributes().forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
    item.put(ID, AttributeValue.fromS(todo.todoId()));
    item.put(NAME, AttributeValue.fromS(todo.name()));
    item.put(COMPLETED, AttributeValue.fromBool(todo.completed()));
    item.put(CREATED_AT, AttributeValue.fromN(Long.toString(todo.createdAt())));
    item.put(UPDATED_AT, AttributeValue.fromN(Long.toString(todo.updatedAt())));
    item.put(VERSION, AttributeValue.fromN(Long.toString(todo.version())));
    return item;
  }

  @Override
  public Todo mapToItem(Map<String, AttributeValue> item) {
    Map<String, String> extras = new HashMap<>();
    item.forEach((k, v) -> {
      if (!FIXED_ATTRIBUTES.contains(k) && v.s() != null) {
        extras.put(k, v.s());
      }
    });
    AttributeValue completed = item.get(COMPLETED);
    return new Todo(item.get(ID).s(), text(item, NAME), completed != null && Boolean.TRUE.equals(completed.bool()),
        number(item, CREATED_AT), number(item, UPDATED_AT), extras, number(item, VERSION));
  }

  @Override
  public Map<String, AttributeValue> itemToMap(Todo item, Collection<String> attributes) {
    Map<String, AttributeValue> all = itemToMap(item, true);
    return attributes.stream().filter(all::containsKey).collect(Collectors.toMap(a -> a, all::get));
  }

  @Override
  public AttributeValue attributeValue(Todo item, String attributeName) {
    return attributeName.equals(ID) ? AttributeValue.fromS(item.todoId()) // the key, asked for every write
        : itemToMap(item, true).get(attributeName);
  }

  @Override
  public TableMetadata tableMetadata() {
    return METADATA;
  }

  @Override
  public EnhancedType<Todo> itemType() {
    return EnhancedType.of(Todo.class);
  }

  @Override
  public List<String> attributeNames() {
    return FIXED_ATTRIBUTES;
  }

  @Override
  public boolean isAbstract() {
    return false;
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
