package dev.todo.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.local.dynamodb.StreamLog;
import dev.todo.local.lambda.AwsEvents;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stream's event source mapping: order, partial failures, bisect, retries, on-failure, checkpoints. */
class StreamShardTest {

  private final List<String> taken = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  @Test
  void aRecordTheFunctionNeverTakesIsRetriedThenDescribedToTheDestinationAndTheRestGoOnInOrder() throws Exception {
    try (StreamShard shard = shard(StreamLog.inMemory(), id -> id.equals("r3"))) {
      for (int i = 1; i <= 6; i++) {
        shard.log().append("r" + i, "INSERT", image("t" + i));
      }
      shard.start();
      awaitDrained(shard);

      assertThat(taken).containsExactly("r1", "r2", "r4", "r5", "r6");
      assertThat(shard.deadLettered()).isEqualTo(1);
      assertThat(failures).hasSize(1);
      JsonNode failure = AwsEvents.JSON.readTree(failures.get(0));
      assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
      assertThat(failure.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
      assertThat(failure.path("DDBStreamBatchInfo").path("batchSize").asInt()).isEqualTo(1);
      assertThat(failure.path("DDBStreamBatchInfo").path("startSequenceNumber").asText())
          .isEqualTo(failure.path("DDBStreamBatchInfo").path("endSequenceNumber").asText());
    }
  }

  @Test
  void aShardOpenedAgainOnItsLogDeliversOnlyWhatItsFunctionHadNotTaken(@TempDir Path dir) throws Exception {
    try (StreamShard first = shard(StreamLog.open(dir), id -> false)) {
      first.log().append("r1", "INSERT", image("t1"));
      first.log().append("r2", "INSERT", image("t2"));
      first.start();
      awaitDrained(first);
    }
    try (StreamLog log = StreamLog.open(dir)) { // a change recorded just before the process stopped, never delivered
      log.append("r3", "INSERT", image("t3"));
    }
    assertThat(taken).containsExactly("r1", "r2");

    try (StreamShard again = shard(StreamLog.open(dir), id -> false)) {
      assertThat(again.pending()).isEqualTo(1);
      again.start();
      awaitDrained(again);
    }
    assertThat(taken).containsExactly("r1", "r2", "r3");
  }

  /** A shard whose function takes every record but those {@code refused}, answering a partial failure at the first of them. */
  private StreamShard shard(StreamLog log, Predicate<String> refused) {
    RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (event, context) -> {
      for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
        if (refused.test(r.getEventID())) {
          return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber())));
        }
        taken.add(r.getEventID());
      }
      return new StreamsEventResponse(List.of());
    };
    return new StreamShard("arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/local", "us-east-1",
        new StreamShard.Mapping(10, Duration.ofMillis(100), 2, failures::add), "Test",
        () -> LambdaFunction.of("Test", handler, DynamodbEvent.class, StreamsEventResponse.class, Duration.ofSeconds(5),
            line -> { }), log, new InvocationLog(), line -> { });
  }

  private static void awaitDrained(StreamShard shard) {
    await("the shard drains").atMost(Duration.ofSeconds(20)).until(() -> shard.pending() == 0);
  }

  private static ObjectNode image(String id) {
    ObjectNode dynamodb = AwsEvents.JSON.createObjectNode().put("ApproximateCreationDateTime", 1_700_000_000L);
    dynamodb.putObject("Keys").putObject("todoId").put("S", id);
    dynamodb.putObject("NewImage").putObject("todoId").put("S", id);
    return dynamodb;
  }
}
