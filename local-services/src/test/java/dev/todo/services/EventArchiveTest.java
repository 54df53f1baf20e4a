package dev.todo.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventArchiveTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void opensAgainWithItsCountAndItsLatestEventsNewestFirst(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bus").resolve("archive.jsonl");
    try (EventArchive archive = new EventArchive(file, 3)) {
      assertThat(archive.count()).isZero();
      archive.append(IntStream.rangeClosed(1, 4).mapToObj(EventArchiveTest::event).toList());
      archive.append(List.of(event(5)));
    }
    try (EventArchive again = new EventArchive(file, 3)) {
      assertThat(again.count()).isEqualTo(5);
      assertThat(again.latest()).extracting(e -> e.get("id").asText()).containsExactly("e5", "e4", "e3");
      again.append(List.of(event(6)));
    }
    assertThat(Files.readAllLines(file)).hasSize(6);
  }

  @Test
  void aTornLastLineIsNeitherCountedNorGivenBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("archive.jsonl");
    try (EventArchive archive = new EventArchive(file, 10)) {
      archive.append(List.of(event(1), event(2)));
    }
    Files.writeString(file, "{\"id\":\"e3\",\"deta", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // a kill mid-write
    try (EventArchive again = new EventArchive(file, 10)) {
      assertThat(again.count()).isEqualTo(2);
      assertThat(again.latest()).extracting(e -> e.get("id").asText()).containsExactly("e2", "e1");
      again.append(List.of(event(4)));
    }
    try (EventArchive third = new EventArchive(file, 10)) { // the torn line is gone, not glued to the next event
      assertThat(third.count()).isEqualTo(3);
      assertThat(third.latest()).extracting(e -> e.get("id").asText()).containsExactly("e4", "e2", "e1");
    }
  }

  private static ObjectNode event(int n) {
    return JSON.createObjectNode().put("id", "e" + n).put("detail-type", "todoCreated");
  }
}
