package dev.todo.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.todo.aws.AwsClients;
import dev.todo.aws.TableProvisioning;
import dev.todo.aws.StackLayout;
import dev.todo.local.LocalCloud;
import dev.todo.local.dynamodb.DynamoDbProxy;
import dev.todo.local.dynamodb.LocalIam;
import dev.todo.local.dynamodb.StreamLog;
import dev.todo.local.dynamodb.TableStreams;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import dev.todo.services.LocalServices;
import dev.todo.services.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Our stream stand-in (the DynamoDB proxy recording each write, the shard delivering it) against moto's DynamoDB
 * Streams, for the same writes: which records come, in which order, with which keys and images. What DynamoDB's
 * documentation says is the expectation; where moto differs, the test says how.
 */
class StreamRecordsTest {

  /** The writes, and what DynamoDB streams for them (Developer Guide, "Change data capture for DynamoDB Streams"). */
  private static final List<String> EXPECTED = List.of(
      "INSERT keys={todoId=S:t1} new={name=S:buy milk, todoId=S:t1} old={}",
      "MODIFY keys={todoId=S:t1} new={name=S:buy oat milk, todoId=S:t1} old={name=S:buy milk, todoId=S:t1}",
      // the same item put again changes nothing: no record
      "REMOVE keys={todoId=S:t1} new={} old={name=S:buy oat milk, todoId=S:t1}",
      "INSERT keys={todoId=S:t2} new={name=S:walk the dog, todoId=S:t2} old={}",
      "INSERT keys={todoId=S:t3} new={name=S:water plants, todoId=S:t3} old={}");
      // a delete of an item that is not there changes nothing: no record

  @Test
  void ourStreamRecordsWhatDynamoDbDocumentsInOrder() throws Exception {
    LocalServices services = LocalServices.shared();
    String table = "streamed-" + UUID.randomUUID().toString().substring(0, 8);
    TableProvisioning.createTodoTable(new AwsClients(LocalCloud.endpointsOf(services)).dynamoDb(), table);
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    RequestHandler<DynamodbEvent, StreamsEventResponse> function = (event, context) -> {
      event.getRecords().forEach(r -> delivered.add(describe(r.getEventName(), lambda(r.getDynamodb().getKeys()),
          lambda(r.getDynamodb().getNewImage()), lambda(r.getDynamodb().getOldImage()))));
      return new StreamsEventResponse(List.of());
    };
    TableStreams streams = new TableStreams();
    try (StreamShard shard = new StreamShard("arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/local",
        "us-east-1", new StreamShard.Mapping(100, Duration.ofMillis(50), 2, failure -> { }), "Test",
        () -> LambdaFunction.of("Test", function, DynamodbEvent.class, StreamsEventResponse.class, Duration.ofSeconds(5),
            line -> { }), StreamLog.inMemory(), new InvocationLog(), line -> { });
         DynamoDbProxy proxy = new DynamoDbProxy(services.dynamoDbEndpoint(), 0, streams,
             new LocalIam(StackLayout.named("", Duration.ofSeconds(30), Duration.ofMinutes(15)), "us-east-1"))) {
      streams.stream(new TableStreams.Streamed(table, List.of(StackLayout.TODO_KEY), StackLayout.TODO_STREAM_VIEW, shard.log()));
      proxy.start();
      shard.start();
      write(new AwsClients(LocalCloud.endpointsOf(services).withDynamoDb(proxy.endpoint())).dynamoDb(), table);
      await("the stream delivers").atMost(Duration.ofSeconds(20)).until(() -> delivered.size() >= EXPECTED.size()
          && shard.pending() == 0);
    }
    assertThat(delivered).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void motosStreamRecordsTheSameButForAPutThatChangesNothing() {
    Assumptions.assumeTrue(MotoServer.unavailable().isEmpty(), () -> "skipped: " + MotoServer.unavailable().orElseThrow());
    URI moto = MotoServer.shared().endpoint();
    AwsClients clients = new AwsClients(new AwsClients.Endpoints(moto, moto, moto, LocalServices.REGION, "moto", "moto"));
    DynamoDbClient dynamoDb = clients.dynamoDb();
    String table = "streamed-" + UUID.randomUUID().toString().substring(0, 8);
    TableProvisioning.createTodoTable(dynamoDb, table);
    dynamoDb.updateTable(r -> r.tableName(table).streamSpecification(StreamSpecification.builder().streamEnabled(true)
        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
    write(dynamoDb, table);

    String streamArn = dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(moto)
        .region(clients.region()).credentialsProvider(clients.credentials()).build()) {
      String shardId = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
      String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      List<String> records = new ArrayList<>();
      for (Record r : streams.getRecords(g -> g.shardIterator(iterator)).records()) {
        records.add(describe(r.eventNameAsString(), sdk(r.dynamodb().keys()), sdk(r.dynamodb().newImage()),
            sdk(r.dynamodb().oldImage())));
      }
      // moto 5.2.1 writes a MODIFY for the put that changed nothing, which DynamoDB does not (README's table says so)
      List<String> expected = new ArrayList<>(EXPECTED);
      expected.add(2, "MODIFY keys={todoId=S:t1} new={name=S:buy oat milk, todoId=S:t1} old={name=S:buy oat milk, todoId=S:t1}");
      assertThat(records).containsExactlyElementsOf(expected);
    }
  }

  /** The same writes against either server. */
  private static void write(DynamoDbClient dynamoDb, String table) {
    dynamoDb.putItem(r -> r.tableName(table).item(item("t1", "buy milk")));
    dynamoDb.updateItem(r -> r.tableName(table).key(Map.of("todoId", AttributeValue.fromS("t1")))
        .updateExpression("SET #n = :n").expressionAttributeNames(Map.of("#n", "name"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("buy oat milk"))));
    dynamoDb.putItem(r -> r.tableName(table).item(item("t1", "buy oat milk")));
    dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("todoId", AttributeValue.fromS("t1"))));
    dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, List.of(
        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item("t2", "walk the dog"))).build(),
        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item("t3", "water plants"))).build()))));
    dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("todoId", AttributeValue.fromS("t9"))));
  }

  private static Map<String, AttributeValue> item(String id, String name) {
    return Map.of("todoId", AttributeValue.fromS(id), "name", AttributeValue.fromS(name));
  }

  private static String describe(String event, Map<String, String> keys, Map<String, String> newImage, Map<String, String> oldImage) {
    return event + " keys=" + keys + " new=" + newImage + " old=" + oldImage;
  }

  private static Map<String, String> lambda(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
    Map<String, String> out = new TreeMap<>();
    if (image != null) {
      image.forEach((k, v) -> out.put(k, v.getS() != null ? "S:" + v.getS() : String.valueOf(v)));
    }
    return out;
  }

  private static Map<String, String> sdk(Map<String, AttributeValue> image) {
    Map<String, String> out = new TreeMap<>();
    if (image != null) {
      image.forEach((k, v) -> out.put(k, v.s() != null ? "S:" + v.s() : String.valueOf(v)));
    }
    return out;
  }
}
