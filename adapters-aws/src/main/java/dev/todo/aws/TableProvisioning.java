package dev.todo.aws;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The stack's tables on AWS-compatible servers ({@link Provisioning} for the rest): the todo table, the import journal
 * with its two listing indexes, and their streams. Creating what exists is harmless. Not in the Lambda jar.
 */
public final class TableProvisioning {

  private TableProvisioning() {
  }

  /** The todo table: partition key {@code todoId} (S), on demand. */
  public static void createTodoTable(DynamoDbClient dynamoDb, String name) {
    createTable(dynamoDb, name, List.of(StackLayout.TODO_KEY));
  }

  /**
   * The import journal: partition key {@code pk} (S) and sort key {@code sk} (S), on demand, with the two listing
   * indexes (keys only): {@code byStart} ({@code kind}, {@code startedAt}) and {@code byKey} ({@code objectKey},
   * {@code startedAt}).
   */
  public static void createImportsTable(DynamoDbClient dynamoDb, String name) {
    try {
      dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(attribute(StackLayout.JOURNAL_KEY, ScalarAttributeType.S),
              attribute(StackLayout.JOURNAL_SORT_KEY, ScalarAttributeType.S),
              attribute(StackLayout.JOURNAL_KIND, ScalarAttributeType.S),
              attribute(StackLayout.JOURNAL_OBJECT_KEY, ScalarAttributeType.S),
              attribute(StackLayout.JOURNAL_STARTED_AT, ScalarAttributeType.N))
          .keySchema(key(StackLayout.JOURNAL_KEY, KeyType.HASH), key(StackLayout.JOURNAL_SORT_KEY, KeyType.RANGE))
          .globalSecondaryIndexes(index(StackLayout.JOURNAL_BY_START, StackLayout.JOURNAL_KIND),
              index(StackLayout.JOURNAL_BY_KEY, StackLayout.JOURNAL_OBJECT_KEY)));
    } catch (ResourceInUseException exists) {
      // already there
    }
    awaitActive(dynamoDb, name);
  }

  private static GlobalSecondaryIndex index(String name, String partition) {
    return GlobalSecondaryIndex.builder().indexName(name)
        .keySchema(key(partition, KeyType.HASH), key(StackLayout.JOURNAL_STARTED_AT, KeyType.RANGE))
        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build();
  }

  private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  /** The table's stream ARN, turning the stream on with {@code view} first if it is off. */
  static String enableStream(DynamoDbClient dynamoDb, String table, String view) {
    TableDescription described = dynamoDb.describeTable(r -> r.tableName(table)).table();
    if (described.streamSpecification() == null || !Boolean.TRUE.equals(described.streamSpecification().streamEnabled())) {
      dynamoDb.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(true).streamViewType(view)));
      awaitActive(dynamoDb, table);
      described = dynamoDb.describeTable(r -> r.tableName(table)).table();
    }
    return described.latestStreamArn();
  }

  /** A table keyed by string attributes (partition key first), waited for until it is active. */
  private static void createTable(DynamoDbClient dynamoDb, String name, List<String> keys) {
    try {
      dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(keys.stream().map(k -> attribute(k, ScalarAttributeType.S)).toList())
          .keySchema(keys.stream().map(k -> key(k, k.equals(keys.get(0)) ? KeyType.HASH : KeyType.RANGE)).toList()));
    } catch (ResourceInUseException exists) {
      // already there
    }
    awaitActive(dynamoDb, name);
  }

  /** Polls briefly: local servers activate a table at once, and the SDK's waiter would first sleep for seconds. */
  private static void awaitActive(DynamoDbClient dynamoDb, String name) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (dynamoDb.describeTable(r -> r.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table " + name + " did not become active within 2 minutes");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for table " + name, e);
      }
    }
  }
}
