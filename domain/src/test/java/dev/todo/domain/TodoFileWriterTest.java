package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TodoFileWriterTest {

  private static final ImportId REIMPORT = ImportId.of(ObjectRef.of("b", "import/export.csv", "e"));
  private static final List<Todo> TODOS = List.of(
      new Todo("T-1", "milk, \"whole\"", true, 1_767_605_400_000L, 1_767_605_400_123L,
          Map.of("Prïorität", "hoch", "note", "two\r\nlines\tand a tab", Todo.IMPORT_ID, "an-import"), 7),
      new Todo("T-2", " leading space", false, 1_000L, 2_000L, Map.of("color", "")),
      new Todo("T-3", "=SUM(A1)", false, 0L, 0L, Map.of()));

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void whatItWritesAnImportReadsBackAsTheSameTodos(ExportFormat format) throws Exception {
    String file = write(format, List.of("Prïorität", "color", "note"));

    List<RowOutcome> rows = read(format, file);

    assertThat(rows).hasSize(3).allMatch(RowOutcome.Accepted.class::isInstance);
    for (int i = 0; i < TODOS.size(); i++) {
      TodoRow row = ((RowOutcome.Accepted) rows.get(i)).row();
      Todo expected = TODOS.get(i);
      assertThat(row.upsert()).isTrue();
      assertThat(row.todo().todoId()).isEqualTo(expected.todoId());
      assertThat(row.todo().name()).isEqualTo(expected.name());
      assertThat(row.todo().completed()).isEqualTo(expected.completed());
      assertThat(row.todo().createdAt()).isEqualTo(expected.createdAt());
      assertThat(row.todo().updatedAt()).isEqualTo(expected.updatedAt());
      Map<String, String> attributes = new java.util.TreeMap<>(expected.attributes());
      attributes.remove(Todo.IMPORT_ID);
      attributes.values().removeIf(String::isEmpty); // a blank value says nothing to an upsert: the stored "" stays
      assertThat(row.todo().attributes()).isEqualTo(attributes);
    }
  }

  @Test
  void aCsvHasTheFixedColumnsThenTheExtrasAndQuotesOnlyWhereRfc4180Needs() throws Exception {
    String file = write(ExportFormat.CSV, List.of("Prïorität", "color", "note"));

    assertThat(file).startsWith("todoId,name,completed,createdAt,updatedAt,Prïorität,color,note\r\n"
        + "T-1,\"milk, \"\"whole\"\"\",true,2026-01-05T09:30:00Z,2026-01-05T09:30:00.123Z,hoch,,\"two\r\nlines\tand a tab\"\r\n"
        + "T-2, leading space,false,1970-01-01T00:00:01Z,1970-01-01T00:00:02Z,,,\r\n");
  }

  @Test
  void aTsvQuotesATabInsideAField() throws Exception {
    String file = write(ExportFormat.TSV, List.of("note"));

    assertThat(file.lines().toList().get(0)).isEqualTo("todoId\tname\tcompleted\tcreatedAt\tupdatedAt\tnote");
    assertThat(file).contains("\t\"two\r\nlines\tand a tab\"\r\n");
  }

  @Test
  void rowsWrittenUnderSomeColumnsAreCopiedIntoMoreWithEachValueInItsPlace() throws Exception {
    StringWriter part = new StringWriter();
    TodoFileWriter rows = TodoFileWriter.rows(ExportFormat.TSV, List.of("Prïorität", "note"), part);
    rows.write(TODOS.get(0));
    rows.flush();
    StringWriter file = new StringWriter();
    TodoFileWriter all = TodoFileWriter.start(ExportFormat.TSV, List.of("Prïorität", "color", "note"), file);

    all.copy(new java.io.StringReader(part.toString()), List.of("Prïorität", "note"));
    all.flush();

    StringWriter direct = new StringWriter();
    TodoFileWriter once = TodoFileWriter.start(ExportFormat.TSV, List.of("Prïorität", "color", "note"), direct);
    once.write(TODOS.get(0));
    once.flush();
    assertThat(file.toString()).isEqualTo(direct.toString()); // the quoted CRLF and tab inside a field survive the copy
  }

  private static String write(ExportFormat format, List<String> extras) throws IOException {
    StringWriter out = new StringWriter();
    TodoFileWriter writer = TodoFileWriter.start(format, extras, out);
    for (Todo todo : TODOS) {
      writer.write(todo);
    }
    writer.flush();
    return out.toString();
  }

  private static List<RowOutcome> read(ExportFormat format, String file) throws Exception {
    var in = new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8));
    RowReader reader = format == ExportFormat.JSONL ? JsonLinesReader.open(in, REIMPORT, 5L)
        : TodoCsvReader.open(in, FileFormat.of(Map.of(), "export" + format.extension()), REIMPORT, 5L);
    List<RowOutcome> rows = new ArrayList<>();
    for (Optional<RowOutcome> next = reader.next(); next.isPresent(); next = reader.next()) {
      rows.add(next.get());
    }
    return rows;
  }
}
