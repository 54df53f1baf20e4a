package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@link Provisioning#createAll} on another emulator: every resource of the layout, the event path's included, and
 * the ARNs the server returned (moto's account is not the local servers' 000000000000) in what the functions get.
 */
class MotoProvisioningTest {

  private final AwsClients clients = new AwsClients(MotoAws.environment());
  private final StackLayout layout = StackLayout.named("-" + LocalAws.unique("p").substring(2), Duration.ofMinutes(6), Duration.ofMinutes(15));

  @Test
  void makesTheStreamsTheBusAndTheTopicAndHandsTheFunctionsTheTopicTheServerMade() {
    Provisioning.Provisioned made = Provisioning.createAll(layout, clients);
    Provisioning.Provisioned again = Provisioning.createAll(layout, clients); // harmless the second time
    assertThat(again.settings().topicArn()).isEqualTo(made.settings().topicArn());

    TableDescription todos = clients.dynamoDb().describeTable(r -> r.tableName(layout.table())).table();
    assertThat(todos.streamSpecification().streamViewTypeAsString()).isEqualTo(StackLayout.TODO_STREAM_VIEW);
    TableDescription journal = clients.dynamoDb().describeTable(r -> r.tableName(layout.importsTable())).table();
    assertThat(journal.streamSpecification().streamViewTypeAsString()).isEqualTo(StackLayout.JOURNAL_STREAM_VIEW);
    assertThat(clients.eventBridge().describeEventBus(r -> r.name(layout.eventBus())).arn()).endsWith(":event-bus/" + layout.eventBus());

    String topic = made.settings().topicArn();
    assertThat(clients.sns().listTopics().topics()).anySatisfy(t -> assertThat(t.topicArn()).isEqualTo(topic));
    assertThat(topic).doesNotContain(Provisioning.LOCAL_ACCOUNT).endsWith(":" + layout.topic());
    assertThat(clients.sns().publish(r -> r.topicArn(topic).message("provisioned")).messageId()).isNotBlank();
    assertThat(made.queues()).containsOnlyKeys(layout.rows().name(), layout.rows().deadLetterName(), layout.control().name(),
        layout.control().deadLetterName(), layout.exports().name(), layout.exports().deadLetterName(), layout.eventDeadLetters());
  }

  @Test
  void aWriteToTheTodoTableComesOutOfItsStream() {
    Provisioning.createAll(layout, clients);
    String streamArn = clients.dynamoDb().describeTable(r -> r.tableName(layout.table())).table().latestStreamArn();
    clients.dynamoDb().putItem(r -> r.tableName(layout.table()).item(Map.of(StackLayout.TODO_KEY, AttributeValue.fromS("t-1"),
        "name", AttributeValue.fromS("streamed"))));

    try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(AwsTarget.MOTO.endpoints().dynamoDb())
        .region(Region.of(clients.region().id())).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto")))
        .build()) {
      String shard = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
      String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      assertThat(streams.getRecords(r -> r.shardIterator(iterator)).records()).singleElement().satisfies((Record record) -> {
        assertThat(record.eventName()).isEqualTo(OperationType.INSERT);
        assertThat(record.dynamodb().newImage().get("name").s()).isEqualTo("streamed");
      });
    }
  }
}
