package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.aws.AwsClients;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.Provisioning;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.StackLayout;
import dev.todo.aws.handler.JournalStream;
import dev.todo.aws.handler.Notifier;
import dev.todo.aws.handler.S3ToSqs;
import dev.todo.aws.handler.SqsToDynamo;
import dev.todo.aws.handler.TodoStream;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.TodoEvent;
import dev.todo.local.dynamodb.StreamLog;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import dev.todo.local.triggers.EventSourcePoller;
import dev.todo.local.triggers.StreamShard;
import dev.todo.services.LocalServices;
import dev.todo.services.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole path once on moto, a second AWS emulator, with moto's own services where the local cloud has stand-ins:
 * S3's notification to an SQS queue (moto's event), the todo table's and the journal's real DynamoDB streams (read
 * with GetRecords), an EventBridge rule with SQS targets, and the topic's SQS subscription. 2,000 rows go from the
 * upload through {@code S3ToSqs}, the import queue and {@code SqsToDynamo} into the table; its stream feeds
 * {@code TodoStream}, which puts a todoCreated per todo on the bus; the journal's stream feeds {@code JournalStream},
 * whose importCompleted the rule hands to {@code Notifier}, whose mail reaches the topic's subscriber. The handlers run
 * in the local Lambda runtime, driven by the local cloud's event source mappings; only the AWS side is moto's.
 * Kept to a few thousand rows: moto's EventBridge takes about 0.7 s per event it delivers to a queue, so only a few
 * events are routed to one (the rule's and five watched todos').
 */
class MotoImportAndEventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int ROWS = 2_000;
  private static final List<String> WATCHED = List.of("watched 1", "watched 2", "watched 3", "watched 4", "watched 5");

  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final InvocationLog invocations = new InvocationLog();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
  }

  @Test
  void twoThousandRowsFromTheUploadToTheTableTheirEventsOnTheBusAndTheImportsMail() throws Exception {
    Assumptions.assumeTrue(MotoServer.unavailable().isEmpty(), () -> "skipped: " + MotoServer.unavailable().orElseThrow());
    URI moto = MotoServer.shared().endpoint();
    AwsClients clients = new AwsClients(Map.of("AWS_REGION", LocalServices.REGION, "AWS_ACCESS_KEY_ID", "moto",
        "AWS_SECRET_ACCESS_KEY", "moto", "AWS_ENDPOINT_URL", moto.toString()));
    StackLayout layout = StackLayout.named("-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofSeconds(30),
        Duration.ofMinutes(15));
    Provisioning.Provisioned provisioned = Provisioning.createAll(layout, clients);
    AwsRuntime runtime = new AwsRuntime(provisioned.settings(), clients);
    SqsClient sqs = clients.sqs();

    // moto's S3 tells a queue of each upload under import/ (moto wants the filter rule's name in lower case)
    String uploads = queue(sqs, "uploads" + layout.table());
    clients.s3().putBucketNotificationConfiguration(r -> r.bucket(layout.bucket()).notificationConfiguration(n -> n
        .queueConfigurations(QueueConfiguration.builder().queueArn(arn(sqs, uploads)).eventsWithStrings("s3:ObjectCreated:*")
            .filter(f -> f.key(k -> k.filterRules(FilterRule.builder().name("prefix").value(ObjectRef.IMPORT_PREFIX).build())))
            .build())));
    // the stack's notification rule, and a second rule for five watched todos' todoCreated, each to a queue
    String ruleTarget = queue(sqs, "rule" + layout.table());
    String watched = queue(sqs, "watched" + layout.table());
    rule(clients, layout, "notify", "{\"source\":[\"" + TodoEvent.SOURCE + "\"],\"detail-type\":[\"todoCompleted\",\"importCompleted\"]}",
        arn(sqs, ruleTarget));
    rule(clients, layout, "watch", "{\"source\":[\"" + TodoEvent.SOURCE + "\"],\"detail-type\":[\"todoCreated\"],\"detail\":{\"name\":"
        + JSON.writeValueAsString(WATCHED) + "}}", arn(sqs, watched));
    String mails = queue(sqs, "mails" + layout.table());
    clients.sns().subscribe(r -> r.topicArn(provisioned.settings().topicArn()).protocol("sqs").endpoint(arn(sqs, mails)));

    // the functions, each triggered as the stack triggers it
    LambdaFunction<S3Event, String> importer = LambdaFunction.of("S3ToSqs", new S3ToSqs(runtime.importService(),
        runtime.importTimeMargin(), log::add), S3Event.class, String.class, ServiceFunction.IMPORTER.timeout(), log::add);
    drain(sqs, uploads, body -> {
      if (JSON.readTree(body).has("Records")) { // not the s3:TestEvent a new configuration sends
        importer.invoke(body);
      }
    });
    EventSourcePoller writer = new EventSourcePoller(sqs, provisioned.settings().queueUrl(), "SqsToDynamo",
        () -> new SqsToDynamo(runtime.rowWriter(), log::add), new EventSourcePoller.Settings(10, Duration.ZERO, 2,
        ServiceFunction.WRITER.timeout()), () -> false, invocations, log::add);
    writer.start();
    running.add(writer::stop);
    StreamShard todoStream = stream(clients, layout.table(), "TodoStream", () -> LambdaFunction.of("TodoStream",
        new TodoStream(runtime.todoChangeEvents(), log::add), DynamodbEvent.class, StreamsEventResponse.class,
        ServiceFunction.TODO_STREAM.timeout(), log::add));
    StreamShard journalStream = stream(clients, layout.importsTable(), "JournalStream", () -> LambdaFunction.of("JournalStream",
        new JournalStream(runtime.importAnnouncements(), log::add), DynamodbEvent.class, Void.class,
        ServiceFunction.JOURNAL_STREAM.timeout(), log::add));
    LambdaFunction<ScheduledEvent, Void> notifier = LambdaFunction.of("Notifier", new Notifier(runtime.eventNotifier(), log::add),
        ScheduledEvent.class, Void.class, ServiceFunction.NOTIFIER.timeout(), log::add);
    drain(sqs, ruleTarget, notifier::invoke);

    StringBuilder csv = new StringBuilder("name,completed\n");
    for (int i = 1; i <= ROWS; i++) {
      csv.append(i <= WATCHED.size() ? WATCHED.get(i - 1) : "moto task " + i).append(",false\n");
    }
    csv.append(",true\n"); // no name: rejected, so the import ends COMPLETED_WITH_ERRORS
    String key = ObjectRef.IMPORT_PREFIX + "moto.csv";
    String eTag = clients.s3().putObject(r -> r.bucket(layout.bucket()).key(key), RequestBody.fromString(csv.toString())).eTag();
    ImportId id = ImportId.of(ObjectRef.of(layout.bucket(), key, eTag));

    ImportRecord record = await("the import ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
        .until(() -> runtime.journal().find(id), r -> r.isPresent() && r.get().status() != ImportStatus.RUNNING).orElseThrow();
    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(record.rowsWritten()).isEqualTo(ROWS);
    assertThat(record.progress().rowsRejected()).isEqualTo(1);
    assertThat(clients.dynamoDb().scan(r -> r.tableName(layout.table()).select("COUNT")).count()).isEqualTo(ROWS);

    List<String> watchedNames = Collections.synchronizedList(new ArrayList<>());
    drain(sqs, watched, body -> watchedNames.add(JSON.readTree(body).path("detail").path("name").asText()));
    List<JsonNode> mailed = Collections.synchronizedList(new ArrayList<>());
    drain(sqs, mails, body -> mailed.add(JSON.readTree(body)));
    await("the watched todos' events and the import's mail").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> watchedNames.size() >= WATCHED.size() && !mailed.isEmpty());
    assertThat(watchedNames).containsExactlyInAnyOrderElementsOf(WATCHED);
    assertThat(mailed).singleElement().satisfies(m -> {
      assertThat(m.path("Subject").asText()).isEqualTo("Import of moto.csv: COMPLETED_WITH_ERRORS");
      assertThat(m.path("Message").asText()).contains("rows written:       " + ROWS).contains(id.value());
    });
    await("both streams drained").atMost(Duration.ofSeconds(30)).until(() -> todoStream.pending() + journalStream.pending() == 0);
    assertThat(todoStream.deadLettered() + journalStream.deadLettered()).isZero();
    assertThat(invocations.snapshot()).allSatisfy((function, stats) -> assertThat(stats.errors()).as(function).isZero());
    assertThat(invocations.snapshot()).containsKeys("SqsToDynamo", "TodoStream", "JournalStream");
    assertThat(log).noneMatch(l -> l.startsWith("draining ") || l.contains("could not be read") || l.contains("passed a record over"));
  }

  private static String queue(SqsClient sqs, String name) {
    return sqs.createQueue(r -> r.queueName(name)).queueUrl();
  }

  private static String arn(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static void rule(AwsClients clients, StackLayout layout, String name, String pattern, String queueArn) {
    String rule = name + layout.table();
    clients.eventBridge().putRule(r -> r.name(rule).eventBusName(layout.eventBus()).eventPattern(pattern));
    clients.eventBridge().putTargets(r -> r.rule(rule).eventBusName(layout.eventBus()).targets(t -> t.id(name).arn(queueArn)));
  }

  /** A thread that hands each message of the queue to {@code handler} and deletes it once handled. */
  private void drain(SqsClient sqs, String queueUrl, ThrowingConsumer handler) {
    Thread thread = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
            handler.accept(m.body());
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
          }
        } catch (Exception e) {
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
          log.add("draining " + queueUrl + " failed: " + e);
        }
      }
    }, "drain " + queueUrl);
    thread.setDaemon(true);
    thread.start();
    running.add(thread::interrupt);
  }

  /**
   * The table's stream as its event source mapping delivers it: moto's records, read with GetRecords from the
   * shard's start, go into a local shard that invokes the function in batches (moto's sequence numbers are replaced
   * by the shard's own, in the same order).
   */
  private StreamShard stream(AwsClients clients, String table, String name, Supplier<LambdaFunction<?, ?>> function) throws Exception {
    String streamArn = clients.dynamoDb().describeTable(r -> r.tableName(table)).table().latestStreamArn();
    StreamShard shard = new StreamShard(streamArn, LocalServices.REGION, new StreamShard.Mapping(100, Duration.ofMillis(200), 10,
        failure -> log.add(name + " passed a record over: " + failure)), name, function, StreamLog.inMemory(), invocations, log::add);
    shard.start();
    running.add(shard);
    String shardId = streams("DescribeStream", JSON.createObjectNode().put("StreamArn", streamArn))
        .path("StreamDescription").path("Shards").get(0).path("ShardId").asText();
    String first = streams("GetShardIterator", JSON.createObjectNode().put("StreamArn", streamArn).put("ShardId", shardId)
        .put("ShardIteratorType", "TRIM_HORIZON")).path("ShardIterator").asText();
    Thread reader = new Thread(() -> {
      String iterator = first;
      while (!Thread.currentThread().isInterrupted() && iterator != null && !iterator.isEmpty()) {
        try {
          JsonNode page = streams("GetRecords", JSON.createObjectNode().put("ShardIterator", iterator));
          for (JsonNode r : page.path("Records")) {
            shard.log().append(r.path("eventID").asText(), r.path("eventName").asText(), (ObjectNode) r.path("dynamodb"));
          }
          iterator = page.path("NextShardIterator").asText(null);
          if (page.path("Records").isEmpty()) {
            Thread.sleep(200);
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          log.add(name + "'s stream could not be read: " + e);
        }
      }
    }, name + " reader");
    reader.setDaemon(true);
    reader.start();
    running.add(reader::interrupt);
    return shard;
  }

  /**
   * A DynamoDB Streams call to moto in its JSON protocol, so that the records come as AWS sends them (the Lambda
   * event's records are the same JSON). moto picks the service from the credential scope and checks no signature.
   */
  private static JsonNode streams(String operation, ObjectNode body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(MotoServer.shared().endpoint())
        .header("X-Amz-Target", "DynamoDBStreams_20120810." + operation).header("Content-Type", "application/x-amz-json-1.0")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=moto/20260101/" + LocalServices.REGION
            + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(operation + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @FunctionalInterface
  private interface ThrowingConsumer {
    void accept(String body) throws Exception;
  }
}
