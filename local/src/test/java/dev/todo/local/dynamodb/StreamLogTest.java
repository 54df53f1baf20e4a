package dev.todo.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamLogTest {

  @TempDir
  Path dir;

  @Test
  void reopenedItHandsBackTheRecordsAfterTheCheckpointInOrderAndNumbersOnFromTheLast() {
    List<String> numbers;
    try (StreamLog log = StreamLog.open(dir)) {
      numbers = Stream.of("a", "b", "c").map(id -> log.append(id, "INSERT", image(id)).sequenceNumber()).toList();
      log.checkpoint(numbers.get(0));
    }

    try (StreamLog again = StreamLog.open(dir)) {
      assertThat(again.unprocessed()).extracting(StreamRecord::eventId).containsExactly("b", "c");
      assertThat(again.unprocessed().get(0).dynamodb().path("NewImage").path("todoId").path("S").asText()).isEqualTo("b");
      assertThat(again.append("d", "MODIFY", image("d")).sequenceNumber()).isGreaterThan(numbers.get(2));
    }
  }

  @Test
  void aWriteKilledBetweenItsIntentAndItsEndIsHandedBackWithWhatItsKeysHeldBefore() {
    ObjectNode key = key("t-1");
    JsonNode before = image("t-1").get("NewImage");
    try (StreamLog log = StreamLog.open(dir)) {
      long ended = log.intend(List.of(key("t-0")), Map.of());
      log.ended(ended);
      log.intend(List.of(key), Map.of(key.toString(), before)); // the process dies here
    }

    try (StreamLog again = StreamLog.open(dir)) {
      assertThat(again.openIntents()).hasSize(1);
      WriteIntent intent = again.openIntents().get(0);
      assertThat(intent.keys()).containsExactly(key);
      assertThat(intent.before()).containsEntry(key.toString(), before);
      again.ended(intent.id());
    }
    try (StreamLog third = StreamLog.open(dir)) {
      assertThat(third.openIntents()).isEmpty();
    }
  }

  @Test
  void aLineTornByAKillIsSkipped() throws IOException {
    try (StreamLog log = StreamLog.open(dir)) {
      log.append("a", "INSERT", image("a"));
    }
    Path segment = segments().get(0);
    Files.writeString(segment, "{\"record\":{\"eventID\":\"b\",\"dynam", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (StreamLog again = StreamLog.open(dir)) {
      assertThat(again.unprocessed()).extracting(StreamRecord::eventId).containsExactly("a");
    }
  }

  @Test
  void segmentsWhoseRecordsWereAllTakenAreDeletedAndTheOthersKept() throws IOException {
    String last;
    try (StreamLog log = StreamLog.open(dir)) {
      String big = "x".repeat(64 * 1024);
      String middle = null;
      last = null;
      for (int i = 0; i < 2 * StreamLog.SEGMENT_BYTES / big.length() + 8; i++) {
        ObjectNode image = image("t" + i);
        ((ObjectNode) image.get("NewImage")).putObject("note").put("S", big);
        last = log.append("e" + i, "INSERT", image).sequenceNumber();
        if (i == 10) {
          middle = last;
        }
      }
      assertThat(segments()).hasSizeGreaterThanOrEqualTo(3);
      log.checkpoint(middle);
      assertThat(segments()).hasSizeGreaterThanOrEqualTo(3); // the first segment still holds records after the checkpoint
      log.checkpoint(last);
      assertThat(segments()).hasSize(1);
    }
    try (StreamLog again = StreamLog.open(dir)) {
      assertThat(again.unprocessed()).isEmpty();
      assertThat(again.append("next", "INSERT", image("next")).sequenceNumber()).isGreaterThan(last);
    }
  }

  @Test
  void aSegmentWithAnIntentStillOpenIsKeptPastTheCheckpointUntilTheIntentEnds() throws IOException {
    try (StreamLog log = StreamLog.open(dir)) {
      long intent = log.intend(List.of(key("t-open")), Map.of());
      String big = "x".repeat(64 * 1024);
      String last = null;
      for (int i = 0; i < StreamLog.SEGMENT_BYTES / big.length() + 8; i++) {
        ObjectNode image = image("t" + i);
        ((ObjectNode) image.get("NewImage")).putObject("note").put("S", big);
        last = log.append("e" + i, "INSERT", image).sequenceNumber();
      }
      log.checkpoint(last);
      assertThat(segments()).hasSize(2); // the first holds the open intent
      log.ended(intent);
      String next = log.append("after", "INSERT", image("after")).sequenceNumber();
      log.checkpoint(next);
      assertThat(segments()).hasSize(1);
    }
  }

  @Test
  void inMemoryItNumbersAndKeepsNothingOnDisk() throws IOException {
    try (StreamLog log = StreamLog.inMemory()) {
      String first = log.append("a", "INSERT", image("a")).sequenceNumber();
      assertThat(log.append("b", "INSERT", image("b")).sequenceNumber()).isGreaterThan(first);
      long intent = log.intend(List.of(key("a")), Map.of());
      log.ended(intent);
      log.checkpoint(first);
      assertThat(log.openIntents()).isEmpty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  private static ObjectNode key(String id) {
    ObjectNode key = DynamoDbRequests.JSON.createObjectNode();
    key.putObject("todoId").put("S", id);
    return key;
  }

  private static ObjectNode image(String id) {
    ObjectNode dynamodb = DynamoDbRequests.JSON.createObjectNode();
    dynamodb.set("Keys", key(id));
    dynamodb.set("NewImage", key(id));
    return dynamodb;
  }
}
