package dev.todo.aws;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
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
    createTable(dynamoDb, name, "todoId");
  }

  /** The import journal: partition key {@code pk} (S), on demand. */
  public static void createImportsTable(DynamoDbClient dynamoDb, String name) {
    createTable(dynamoDb, name, DynamoDbImportJournal.KEY);
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

  private static void createTable(DynamoDbClient dynamoDb, String name, String key) {
    try {
      dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName(key).attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName(key).keyType(KeyType.HASH)));
      dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
    } catch (ResourceInUseException exists) {
      // already there
    }
  }
}
