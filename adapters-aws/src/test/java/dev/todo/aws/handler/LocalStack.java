package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.aws.AwsClients;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.LocalAws;
import dev.todo.aws.Provisioning;
import dev.todo.aws.ServiceQueue;
import dev.todo.aws.StackLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the CDK stack creates, made on the local services for one test class: bucket, tables, queues; and the
 * environment a function would get ({@code extra} overrides variables). (Named for what it stands in for, not
 * for the LocalStack product.)
 */
final class LocalStack {

  static final String BUCKET = "handler-imports";

  final Map<String, String> env;
  final S3Client s3;
  final SqsClient sqs;
  final DynamoDbClient dynamoDb;
  final String queueUrl;
  final String controlQueueUrl;
  final String exportQueueUrl;
  final String table;

  LocalStack(Map<String, String> extra) {
    AwsClients clients = LocalAws.clients();
    s3 = clients.s3();
    sqs = clients.sqs();
    dynamoDb = clients.dynamoDb();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Duration visibility = Duration.ofSeconds(30);
    Map<ServiceQueue, StackLayout.QueueLayout> queues = new java.util.EnumMap<>(ServiceQueue.class);
    for (ServiceQueue q : ServiceQueue.values()) {
      queues.put(q, new StackLayout.QueueLayout(q.baseName() + "-" + suffix, visibility, StackLayout.MAX_RECEIVE_COUNT));
    }
    StackLayout layout = new StackLayout(BUCKET, "todos-" + suffix, "imports-" + suffix, queues, "events-" + suffix,
        "notifications-" + suffix);
    FunctionSettings settings = Provisioning.create(layout, clients).settings();
    table = settings.table();
    queueUrl = settings.queueUrl();
    controlQueueUrl = settings.controlQueueUrl();
    exportQueueUrl = settings.exportQueueUrl();
    Map<String, String> all = new HashMap<>(LocalAws.endpoints().toEnvironment());
    all.putAll(settings.toEnvironment());
    all.putAll(extra);
    env = Map.copyOf(all);
  }

  AwsRuntime runtime() {
    return new AwsRuntime(FunctionSettings.fromEnvironment(env), new AwsClients(env));
  }

  /** Takes every message off a queue, as an SQS event (what the event source mapping would deliver). */
  SQSEvent drain(String url) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    while (true) {
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      if (messages.isEmpty()) {
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
      }
      for (Message m : messages) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        record.setEventSource("aws:sqs");
        records.add(record);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
    }
  }

  /** Splits an event into batches of ten, as the event source mapping would. */
  static List<SQSEvent> batchesOfTen(SQSEvent all) {
    List<SQSEvent> batches = new ArrayList<>();
    for (int i = 0; i < all.getRecords().size(); i += 10) {
      SQSEvent batch = new SQSEvent();
      batch.setRecords(all.getRecords().subList(i, Math.min(all.getRecords().size(), i + 10)));
      batches.add(batch);
    }
    return batches;
  }
}
