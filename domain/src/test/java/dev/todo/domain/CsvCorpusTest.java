package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The corpus under {@code src/test/resources/csv}: each file's exact outcome, row by row. {@code A4} is
 * line 4 accepted, {@code R5:completed} is line 5 rejected for its completed column ({@code R5:} the whole row).
 */
class CsvCorpusTest {

  private static final ImportId IMPORT = ImportId.of(ObjectRef.of("bucket", "import/corpus.csv", "etag"));
  private static final long IMPORT_TIME = 1_750_000_000_000L;

  @Test
  void badBooleansAreRejectedAndTheRestAccepted() throws Exception {
    List<RowOutcome> rows = read("bad-boolean.csv");
    assertThat(summary(rows)).containsExactly("A2", "A3", "R4:completed", "A5", "A6");
    assertThat(todos(rows)).extracting(Todo::completed).containsExactly(true, true, false, false);
    assertThat(((RowOutcome.Rejected) rows.get(2)).reason()).contains("'maybe' is not a boolean");
  }

  @Test
  void timestampsAreIsoOrEpochMillisAndDefaultToTheImportTime() throws Exception {
    List<RowOutcome> rows = read("bad-timestamp.csv");
    assertThat(summary(rows)).containsExactly("A2", "A3", "R4:createdAt", "R5:updatedAt", "A6");
    List<Todo> todos = todos(rows);
    assertThat(todos.get(0).createdAt()).isEqualTo(1_709_288_130_000L);
    assertThat(todos.get(0).updatedAt()).isEqualTo(1_709_374_530_123L);
    assertThat(todos.get(1).createdAt()).isEqualTo(1_700_000_000_000L);
    assertThat(todos.get(2).createdAt()).isEqualTo(IMPORT_TIME);
    assertThat(todos.get(2).updatedAt()).isEqualTo(IMPORT_TIME);
  }

  @Test
  void aNameLongerThan1024CharactersIsRejected() throws Exception {
    List<RowOutcome> rows = read("too-long-name.csv");
    assertThat(summary(rows)).containsExactly("A2", "R3:name", "A4");
    assertThat(((RowOutcome.Rejected) rows.get(1)).reason()).contains("1025 characters");
  }

  @Test
  void aByteOrderMarkIsDroppedAndHeaderNamesIgnoreCase() throws Exception {
    List<RowOutcome> rows = read("bom.csv");
    assertThat(summary(rows)).containsExactly("A2");
    assertThat(todos(rows).get(0).name()).isEqualTo("with bom");
    assertThat(todos(rows).get(0).completed()).isTrue();
  }

  @Test
  void crlfLineEndsAreRead() throws Exception {
    List<RowOutcome> rows = read("crlf.csv");
    assertThat(summary(rows)).containsExactly("A2", "A3");
    assertThat(todos(rows)).extracting(Todo::name).containsExactly("first", "second");
  }

  @Test
  void quotedFieldsKeepNewlinesCommasAndQuotes() throws Exception {
    List<RowOutcome> rows = read("quoted-newline.csv");
    assertThat(summary(rows)).containsExactly("A2", "A4");
    Todo first = todos(rows).get(0);
    assertThat(first.name()).isEqualTo("multi\nline name");
    assertThat(first.attributes()).isEqualTo(Map.of("notes", "has, comma and \"quotes\""));
  }

  @Test
  void blankLinesAreSkippedButCountedInLineNumbers() throws Exception {
    assertThat(summary(read("blank-lines.csv"))).containsExactly("A4", "A8");
  }

  @Test
  void anUnterminatedQuoteRejectsItsRowAndEndsTheFile() throws Exception {
    List<RowOutcome> rows = read("unterminated-quote.csv");
    assertThat(summary(rows)).containsExactly("A2", "R3:");
    assertThat(((RowOutcome.Rejected) rows.get(1)).reason()).contains("unterminated quoted field");
  }

  @Test
  void rowsWithTheWrongNumberOfFieldsAreRejected() throws Exception {
    List<RowOutcome> rows = read("field-count.csv");
    assertThat(summary(rows)).containsExactly("R2:", "R3:", "A4");
    assertThat(((RowOutcome.Rejected) rows.get(0)).reason()).isEqualTo("expected 2 fields as in the header, found 3");
  }

  @Test
  void extraColumnsBecomeAttributesAndAGivenIdIsKept() throws Exception {
    List<Todo> todos = todos(read("extra-columns.csv"));
    assertThat(todos.get(0).todoId()).isEqualTo("T-1");
    assertThat(todos.get(0).attributes()).isEqualTo(Map.of("project", "alpha", "priority", "high"));
    assertThat(todos.get(1).todoId()).isEqualTo(IMPORT.todoIdForLine(3));
    assertThat(todos.get(1).attributes()).isEqualTo(Map.of("project", "beta", "priority", ""));
  }

  @Test
  void aHeaderOnlyFileHasNoRows() throws Exception {
    assertThat(read("header-only.csv")).isEmpty();
  }

  @Test
  void anEmptyFileFailsWithAClearMessage() {
    assertThatThrownBy(() -> read("empty.csv")).isInstanceOf(ImportFileException.class)
        .hasMessageContaining("the file is empty");
  }

  @Test
  void aFileWithoutANameColumnFails() {
    assertThatThrownBy(() -> read("missing-name.csv")).isInstanceOf(ImportFileException.class)
        .hasMessage("the header has no 'name' column (found: todoId, title, completed)");
  }

  @Test
  void aDuplicateColumnFails() {
    assertThatThrownBy(() -> read("duplicate-header.csv")).isInstanceOf(ImportFileException.class)
        .hasMessage("duplicate column 'Name' in the header (columns 1 and 3)");
  }

  @Test
  void invalidUtf8FailsTheFile() {
    byte[] bad = {'n', 'a', 'm', 'e', '\n', 'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
    assertThatThrownBy(() -> readAll(TodoCsvReader.open(new java.io.ByteArrayInputStream(bad), IMPORT, IMPORT_TIME)))
        .isInstanceOf(ImportFileException.class).hasMessageContaining("not valid UTF-8");
  }

  static List<RowOutcome> read(String file) throws IOException, ImportFileException {
    try (InputStream in = CsvCorpusTest.class.getResourceAsStream("/csv/" + file)) {
      return readAll(TodoCsvReader.open(in, IMPORT, IMPORT_TIME));
    }
  }

  private static List<RowOutcome> readAll(TodoCsvReader reader) throws IOException, ImportFileException {
    List<RowOutcome> rows = new ArrayList<>();
    Optional<RowOutcome> next;
    while ((next = reader.next()).isPresent()) {
      rows.add(next.get());
    }
    return rows;
  }

  private static List<String> summary(List<RowOutcome> rows) {
    return rows.stream().map(r -> r instanceof RowOutcome.Rejected x ? "R" + x.line() + ":" + x.column() : "A" + r.line())
        .toList();
  }

  private static List<Todo> todos(List<RowOutcome> rows) {
    return rows.stream().filter(RowOutcome.Accepted.class::isInstance)
        .map(r -> ((RowOutcome.Accepted) r).row().todo()).toList();
  }
}
