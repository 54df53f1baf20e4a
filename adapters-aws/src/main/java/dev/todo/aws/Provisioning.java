package dev.todo.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the tables and queues the service needs, as the CDK stack defines them, where nothing else does:
 * local services and tests. Creating what exists is harmless.
 */
public final class Provisioning {

  private Provisioning() {
  }

  /** The todo table: partition key {@code todoId} (S), on demand. */
  public static void createTodoTable(DynamoDbClient dynamoDb, String name) {
    createTable(dynamoDb, name, List.of("todoId"));
  }

  /** The import journal: partition key {@code pk} (S) and sort key {@code sk} (S), on demand. */
  public static void createImportsTable(DynamoDbClient dynamoDb, String name) {
    createTable(dynamoDb, name, List.of(DynamoDbImportJournal.KEY, DynamoDbImportJournal.SORT_KEY));
  }

  /** A queue, and its dead-letter queue receiving what failed {@code maxReceiveCount} times; returns the queue URL. */
  public static String createQueueWithDeadLetter(SqsClient sqs, String name, int visibilitySeconds, int maxReceiveCount) {
    String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")
        .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
    String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    return sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
        QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
  }

  /** A table keyed by string attributes (partition key first), waited for until it is active. */
  private static void createTable(DynamoDbClient dynamoDb, String name, List<String> keys) {
    try {
      dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(keys.stream().map(k -> AttributeDefinition.builder().attributeName(k)
              .attributeType(ScalarAttributeType.S).build()).toList())
          .keySchema(keys.stream().map(k -> KeySchemaElement.builder().attributeName(k)
              .keyType(k.equals(keys.get(0)) ? KeyType.HASH : KeyType.RANGE).build()).toList()));
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
