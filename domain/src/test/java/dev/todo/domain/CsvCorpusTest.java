package dev.todo.domain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
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
  void aHeaderThatIsNotUtf8FailsTheFile() {
    byte[] bad = {'n', 'a', 'm', 'e', ',', 'n', 'o', 't', (byte) 0xE9, '\n', 'o', 'k', ',', 'x', '\n'};
    assertThatThrownBy(() -> readAll(TodoCsvReader.open(new ByteArrayInputStream(bad), IMPORT, IMPORT_TIME)))
        .isInstanceOf(ImportFileException.class).hasMessage("the header row is not valid UTF-8 (byte 0xE9): save the file as UTF-8");
  }

  @Test
  void aRowThatIsNotUtf8IsRejectedOnItsOwnLineAndTheRestImports() throws Exception {
    for (String lineEnd : List.of("\n", "\r\n")) {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.writeBytes(("name,completed,note" + lineEnd).getBytes(UTF_8));
      for (int i = 0; i < 5_000; i++) { // past the decoder's first blocks, with characters of two and four bytes
        file.writeBytes(("Task " + i + " \u00e0 faire,false,\ud83d\ude00" + lineEnd).getBytes(UTF_8));
      }
      // a quoted name over two lines saved as Windows-1252, then a lead byte cut off by the line's end
      file.writeBytes(("\"Caf\u00e9\nau lait\",true,x" + lineEnd).getBytes(Charset.forName("windows-1252")));
      file.writeBytes(new byte[] {'T', 'e', 'a', ',', 'f', 'a', 'l', 's', 'e', ',', (byte) 0xE2, (byte) 0x82});
      file.writeBytes(lineEnd.getBytes(UTF_8));
      byte[] last = ("After,true,\u20ac" + lineEnd).getBytes(UTF_8);
      file.writeBytes(last);
      byte[] bytes = file.toByteArray();

      TodoCsvReader reader = TodoCsvReader.open(new ByteArrayInputStream(bytes), IMPORT, IMPORT_TIME);
      List<RowOutcome> rows = new ArrayList<>();
      ReadPosition beforeLast = null;
      for (Optional<RowOutcome> next = reader.next(); next.isPresent(); next = reader.next()) {
        rows.add(next.get());
        if (rows.size() == 5_002) {
          beforeLast = reader.position();
        }
      }
      assertThat(rows).hasSize(5_003);
      assertThat(rows.subList(0, 5_000)).allMatch(r -> r instanceof RowOutcome.Accepted);
      RowOutcome.Rejected cafe = (RowOutcome.Rejected) rows.get(5_000);
      assertThat(cafe.line()).isEqualTo(5_002);
      assertThat(cafe.column()).isEqualTo("name");
      assertThat(cafe.reason()).isEqualTo("not valid UTF-8 (byte 0xE9, shown as \uFFFD): save the file as UTF-8");
      assertThat(cafe.values()).containsExactly("Caf\uFFFD\nau lait", "true", "x");
      RowOutcome.Rejected tea = (RowOutcome.Rejected) rows.get(5_001);
      assertThat(tea.line()).isEqualTo(5_004);
      assertThat(tea.column()).isEqualTo("note");
      assertThat(tea.reason()).startsWith("not valid UTF-8 (byte 0xE2,");
      assertThat(rows.get(5_002)).isInstanceOfSatisfying(RowOutcome.Accepted.class,
          a -> assertThat(a.row().todo().attributes()).containsEntry("note", "\u20ac"));
      // each bad byte counts as the one byte it was: a continuation from the position reads the next row
      assertThat(beforeLast.byteOffset()).isEqualTo(bytes.length - last.length);
      TodoCsvReader resumed = TodoCsvReader.resume(new ByteArrayInputStream(bytes, (int) beforeLast.byteOffset(), last.length),
          ',', reader.header(), beforeLast, IMPORT, IMPORT_TIME);
      assertThat(resumed.next().orElseThrow()).isInstanceOfSatisfying(RowOutcome.Accepted.class,
          a -> assertThat(a.row().line()).isEqualTo(5_005));
    }
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
