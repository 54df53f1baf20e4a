package dev.todo.aws;

import dev.todo.domain.Todo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The enhanced client's view of a {@link Todo}: straight to and from the item {@link TodoItems} defines, extra
 * attributes included. Cheaper than the document schema, which converts every item twice.
 */
final class TodoTableSchema implements TableSchema<Todo> {

  static final TodoTableSchema INSTANCE = new TodoTableSchema();

  private static final TableMetadata METADATA = StaticTableMetadata.builder()
      .addIndexPartitionKey(TableMetadata.primaryIndexName(), TodoItems.ID, AttributeValueType.S).build();

  private TodoTableSchema() {
  }

  @Override
  public Todo mapToItem(Map<String, AttributeValue> attributeMap) {
    return TodoItems.fromItem(attributeMap);
  }

  @Override
  public Map<String, AttributeValue> itemToMap(Todo item, boolean ignoreNulls) {
    return TodoItems.toItem(item);
  }

  @Override
  public Map<String, AttributeValue> itemToMap(Todo item, Collection<String> attributes) {
    Map<String, AttributeValue> all = TodoItems.toItem(item);
    return attributes.stream().filter(all::containsKey).collect(Collectors.toMap(a -> a, all::get));
  }

  @Override
  public AttributeValue attributeValue(Todo item, String attributeName) {
    return attributeName.equals(TodoItems.ID) ? AttributeValue.fromS(item.todoId()) // the key, asked for every write
        : TodoItems.toItem(item).get(attributeName);
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
    return TodoItems.FIXED_ATTRIBUTES;
  }

  @Override
  public boolean isAbstract() {
    return false;
  }
}
