package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

  private static final ImportId IMPORT = ImportId.of(ObjectRef.of("b", "import/x.jsonl", "e"));
  private static final long NOW = 1_700_000_000_000L;

  @Test
  void eachLineIsARowWithTheFieldsAndRulesOfACsvRow() throws Exception {
    String file = "\uFEFF{\"name\":\"milk\",\"completed\":true,\"createdAt\":1767605400000,\"Prïorität\":\"hoch\"}\r\n"
        + "\n"
        + "{\"todoId\":\"T-1\",\"name\":\"bread\",\"completed\":\"yes\",\"updatedAt\":\"2026-01-05T10:00:00Z\",\"note\":null}\n"
        + "{\"name\":\"eggs\",\"completed\":1}\n"
        + "{\"name\":\"jam\",\"priority\":3}\n"
        + "[1,2]\n"
        + "{\"name\":\"cut\n"
        + "{\"completed\":false}\n"
        + "{\"name\":\"a\",\"Name\":\"b\"}\n"
        + "{\"name\":\"a\",\"name\":\"b\"}\n"
        + "{\"name\":\"x\",\"completed\":\"maybe\"}\n"
        + "{\"name\":\"last\"}";
    List<RowOutcome> rows = readAll(file);
    assertThat(rows).hasSize(11);
    Todo milk = ((RowOutcome.Accepted) rows.get(0)).row().todo();
    assertThat(milk.name()).isEqualTo("milk");
    assertThat(milk.completed()).isTrue();
    assertThat(milk.createdAt()).isEqualTo(1767605400000L);
    assertThat(milk.attributes()).containsExactly(java.util.Map.entry("Prïorität", "hoch"));
    assertThat(milk.todoId()).isEqualTo(IMPORT.todoIdForLine(1));
    TodoRow bread = ((RowOutcome.Accepted) rows.get(1)).row();
    assertThat(bread.line()).isEqualTo(3); // the blank line 2 is skipped but counted
    assertThat(bread.upsert()).isTrue();
    assertThat(bread.todo().completed()).isTrue();
    assertThat(bread.todo().attributes()).isEmpty(); // null is as if absent
    assertRejected(rows.get(2), 4, "completed", "completed must be true or false");
    assertRejected(rows.get(3), 5, "priority", "attribute 'priority' must be a string");
    assertRejected(rows.get(4), 6, "", "a line must hold one JSON object, not an array");
    assertRejected(rows.get(5), 7, "", "not valid JSON");
    assertRejected(rows.get(6), 8, "name", "name is required and must not be blank");
    assertRejected(rows.get(7), 9, "", "duplicate column 'Name'");
    assertRejected(rows.get(8), 10, "", "not valid JSON: Duplicate field 'name'");
    assertRejected(rows.get(9), 11, "completed", "'maybe' is not a boolean");
    assertThat(((RowOutcome.Rejected) rows.get(9)).values()).containsExactly("{\"name\":\"x\",\"completed\":\"maybe\"}");
    assertThat(((RowOutcome.Accepted) rows.get(10)).row().line()).isEqualTo(12); // the last line has no line break
  }

  @Test
  void aLineOverTheLimitIsARejectedRowAndTheNextLineReadsOn() throws Exception {
    String file = "{\"name\":\"" + "x".repeat(CsvRecordReader.MAX_RECORD_CHARS) + "\"}\n{\"name\":\"after\"}\n";
    List<RowOutcome> rows = readAll(file);
    assertRejected(rows.get(0), 1, "", "the line is longer than");
    assertThat(((RowOutcome.Accepted) rows.get(1)).row().todo().name()).isEqualTo("after");
  }

  @Test
  void resumingAtAnyLineBoundaryReadsExactlyTheRest() throws Exception {
    StringBuilder file = new StringBuilder();
    for (int i = 1; i <= 50; i++) {
      file.append(i % 7 == 0 ? "\n" : "{\"name\":\"ünï " + i + "\",\"completed\":" + (i % 2 == 0) + "}\r\n");
    }
    byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
    JsonLinesReader reader = JsonLinesReader.open(new ByteArrayInputStream(bytes), IMPORT, NOW);
    List<ReadPosition> positions = new ArrayList<>();
    List<RowOutcome> all = new ArrayList<>();
    positions.add(reader.position());
    for (Optional<RowOutcome> r = reader.next(); r.isPresent(); r = reader.next()) {
      all.add(r.get());
      positions.add(reader.position());
    }
    assertThat(positions.get(positions.size() - 1).byteOffset()).isEqualTo(bytes.length);
    for (int i = 0; i < positions.size(); i++) {
      ReadPosition at = positions.get(i);
      JsonLinesReader resumed = JsonLinesReader.resume(new ByteArrayInputStream(bytes, (int) at.byteOffset(),
          bytes.length - (int) at.byteOffset()), at, IMPORT, NOW);
      List<RowOutcome> rest = new ArrayList<>();
      for (Optional<RowOutcome> r = resumed.next(); r.isPresent(); r = resumed.next()) {
        rest.add(r.get());
      }
      assertThat(rest).as("from row " + i).isEqualTo(all.subList(i, all.size()));
    }
  }

  @Test
  void aLineWithBytesThatAreNotUtf8IsRejectedAndTheNextLinesRead() throws Exception {
    byte[] bad = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'C', 'a', 'f', (byte) 0xE9, '"', '}', '\r', '\n',
        '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'T', 'e', 'a', '"', '}', '\n'};
    JsonLinesReader reader = JsonLinesReader.open(new ByteArrayInputStream(bad), IMPORT, NOW);
    RowOutcome first = reader.next().orElseThrow();
    assertRejected(first, 1, "", "not valid UTF-8 (byte 0xE9, shown as \uFFFD): save the file as UTF-8");
    assertThat(((RowOutcome.Rejected) first).values()).containsExactly("{\"name\":\"Caf\uFFFD\"}");
    assertThat(reader.position()).isEqualTo(new ReadPosition(2, 17));
    assertThat(reader.next().orElseThrow()).isInstanceOfSatisfying(RowOutcome.Accepted.class,
        a -> assertThat(a.row().todo().name()).isEqualTo("Tea"));
  }

  private static void assertRejected(RowOutcome outcome, long line, String column, String reason) {
    assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> {
      assertThat(r.line()).isEqualTo(line);
      assertThat(r.column()).isEqualTo(column);
      assertThat(r.reason()).contains(reason);
    });
  }

  private static List<RowOutcome> readAll(String file) throws Exception {
    JsonLinesReader reader = JsonLinesReader.open(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), IMPORT, NOW);
    List<RowOutcome> rows = new ArrayList<>();
    for (Optional<RowOutcome> r = reader.next(); r.isPresent(); r = reader.next()) {
      rows.add(r.get());
    }
    return rows;
  }
}
