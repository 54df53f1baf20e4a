package dev.todo.aws;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * Creates what a {@link StackLayout} describes on AWS-compatible servers, where no CDK stack does: the local cloud,
 * tests and benchmarks. Creating what exists is harmless. Not in the Lambda jar: no function creates resources.
 */
public final class Provisioning {

  private Provisioning() {
  }

  /** The account id of AWS-compatible servers' ARNs (the local ones, LocalStack). */
  public static final String LOCAL_ACCOUNT = "000000000000";

  /**
   * What a layout became: the functions' settings, the import queue's dead-letter queue, the event path's one, and
   * every queue's URL by its name (in the layout's order: each queue, then its dead-letter queue).
   */
  public record Provisioned(FunctionSettings settings, String deadLetterUrl, String eventDeadLetterUrl, Map<String, String> queues) {
  }

  /** Hooks that wait until each server answers; none where the servers are up already. */
  public record Readiness(Runnable s3, Runnable sqs, Runnable dynamoDb) {

    public static final Readiness UP = new Readiness(() -> { }, () -> { }, () -> { });
  }

  /** Creates the bucket, the tables and the queues of {@code layout}. */
  public static Provisioned create(StackLayout layout, AwsClients clients) {
    return create(layout, clients.s3(), clients.sqs(), clients.dynamoDb(), Readiness.UP);
  }

  /**
   * Creates the bucket, the tables and the queues of {@code layout}, each as soon as its server is ready: the three
   * servers' parts go on at once.
   */
  public static Provisioned create(StackLayout layout, S3Client s3, SqsClient sqs, DynamoDbClient dynamoDb,
      Readiness ready) {
    CompletableFuture<Void> bucket = CompletableFuture.runAsync(() -> {
      ready.s3().run();
      createBucket(s3, layout.bucket());
    });
    CompletableFuture<Void> tables = CompletableFuture.runAsync(() -> {
      ready.dynamoDb().run();
      TableProvisioning.createTodoTable(dynamoDb, layout.table());
      TableProvisioning.createImportsTable(dynamoDb, layout.importsTable());
    });
    ready.sqs().run();
    // each queue with its dead-letter queue on a thread of its own: a queue takes four calls in turn, the queues none
    Map<ServiceQueue, CompletableFuture<QueueUrls>> made = new EnumMap<>(ServiceQueue.class);
    for (ServiceQueue q : ServiceQueue.values()) {
      made.put(q, CompletableFuture.supplyAsync(() -> createWithDeadLetter(sqs, layout.queues().get(q))));
    }
    String eventDeadLetters = createOrUpdate(sqs, layout.eventDeadLetters(),
        Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(StackLayout.DEAD_LETTER_RETENTION)));
    Map<ServiceQueue, String> urls = new EnumMap<>(ServiceQueue.class);
    Map<String, String> queues = new LinkedHashMap<>();
    for (ServiceQueue q : ServiceQueue.values()) {
      QueueUrls queue = join(made.get(q));
      urls.put(q, queue.url());
      queues.put(layout.queues().get(q).name(), queue.url());
      queues.put(layout.queues().get(q).deadLetterName(), queue.deadLetterUrl());
    }
    queues.put(layout.eventDeadLetters(), eventDeadLetters);
    join(CompletableFuture.allOf(bucket, tables));
    return new Provisioned(layout.settings(urls, sqs.serviceClientConfiguration().region().id(), LOCAL_ACCOUNT),
        queues.get(layout.rows().deadLetterName()), eventDeadLetters, queues);
  }

  /** The event path's resources as the endpoint made them: the tables' stream ARNs, the bus's and the topic's ARN. */
  public record EventPath(String todoStreamArn, String journalStreamArn, String busArn, String topicArn) {
  }

  /**
   * Everything of {@code layout} on an endpoint that serves all five services (another emulator, an account): the
   * bucket, tables and queues, then the tables' streams (with the stack's view types), the bus and the topic. The
   * functions' settings name the topic by the ARN the server returned, whatever account it uses.
   */
  public static Provisioned createAll(StackLayout layout, AwsClients clients) {
    Provisioned made = create(layout, clients);
    EventPath events = createEventPath(layout, clients.dynamoDb(), clients.eventBridge(), clients.sns());
    return new Provisioned(made.settings().with(FunctionSettings.Variable.TOPIC_ARN, events.topicArn()), made.deadLetterUrl(),
        made.eventDeadLetterUrl(), made.queues());
  }

  /** Turns on the tables' streams and creates the bus and the topic; each step is harmless when already done. */
  public static EventPath createEventPath(StackLayout layout, DynamoDbClient dynamoDb, EventBridgeClient bus, SnsClient sns) {
    String todoStream = TableProvisioning.enableStream(dynamoDb, layout.table(), StackLayout.TODO_STREAM_VIEW);
    String journalStream = TableProvisioning.enableStream(dynamoDb, layout.importsTable(), StackLayout.JOURNAL_STREAM_VIEW);
    String busArn;
    try {
      busArn = bus.createEventBus(r -> r.name(layout.eventBus())).eventBusArn();
    } catch (ResourceAlreadyExistsException exists) {
      busArn = bus.describeEventBus(r -> r.name(layout.eventBus())).arn();
    }
    String topicArn = sns.createTopic(r -> r.name(layout.topic())).topicArn(); // CreateTopic of an existing name returns its ARN
    return new EventPath(todoStream, journalStream, busArn, topicArn);
  }

  public static void createBucket(S3Client s3, String name) {
    try {
      s3.createBucket(r -> r.bucket(name));
    } catch (BucketAlreadyOwnedByYouException exists) {
      // kept from an earlier run, or shared
    }
  }

  private static Map<QueueAttributeName, String> fifo(StackLayout.QueueLayout queue) {
    return queue.fifo() ? Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")
        : Map.of();
  }

  /** A queue with its dead-letter queue, as the stack's queues are; returns the queue URL. */
  public static String createQueueWithDeadLetter(SqsClient sqs, StackLayout.QueueLayout queue) {
    return createWithDeadLetter(sqs, queue).url();
  }

  private record QueueUrls(String url, String deadLetterUrl) {
  }

  private static QueueUrls createWithDeadLetter(SqsClient sqs, StackLayout.QueueLayout queue) {
    Map<QueueAttributeName, String> deadLetterAttributes = new HashMap<>(fifo(queue));
    deadLetterAttributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(StackLayout.DEAD_LETTER_RETENTION));
    String dlqUrl = createOrUpdate(sqs, queue.deadLetterName(), deadLetterAttributes);
    String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}";
    Map<QueueAttributeName, String> attributes = new HashMap<>(fifo(queue));
    attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, seconds(queue.visibility()));
    attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(StackLayout.RETENTION));
    attributes.put(QueueAttributeName.REDRIVE_POLICY, redrive);
    return new QueueUrls(createOrUpdate(sqs, queue.name(), attributes), dlqUrl);
  }

  /** The future's value, or the exception it ended with as it was thrown. */
  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Creates the queue, or gives one that exists with other settings (kept from an earlier run on the same data dir)
   * the ones asked for now, as a stack update would: its messages stay. Whether a queue is FIFO is in its name.
   */
  private static String createOrUpdate(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
    try {
      return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    } catch (QueueNameExistsException differentSettings) {
      String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
      Map<QueueAttributeName, String> changeable = new HashMap<>(attributes);
      changeable.remove(QueueAttributeName.FIFO_QUEUE);
      sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(changeable));
      return url;
    }
  }

  /** A queue named {@code name} with its dead-letter queue, the stack's receive count and a 30-second visibility. */
  public static String createQueueWithDeadLetter(SqsClient sqs, String name) {
    return createQueueWithDeadLetter(sqs, new StackLayout.QueueLayout(name, Duration.ofSeconds(30), StackLayout.MAX_RECEIVE_COUNT));
  }

  private static String seconds(Duration d) {
    return Long.toString(d.toSeconds());
  }

}
