package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based tests of the import's readers: arbitrary bytes, arbitrary quoting, arbitrary headers and message
 * bodies end in a row outcome or a documented failure, never another exception, and every row has its line.
 */
class ImportFuzzTest {

  private static final ImportId IMPORT = ImportId.of(ObjectRef.of("b", "import/fuzz.csv", "e"));

  @Property
  void anyBytesEndInRowsOrAFileLevelFailure(@ForAll @Size(max = 2_000) byte[] bytes) throws IOException {
    Statistics.collect(readAll(bytes));
  }

  @Property
  void aHeaderFollowedByAnyBytesEndsInRowsOrAFileLevelFailure(@ForAll @Size(max = 2_000) byte[] bytes) throws IOException {
    Statistics.collect(readAll(withHeader(bytes)));
  }

  /**
   * A continuation resumes at a record boundary's byte offset: from any of them the rest of the file reads as reading
   * on would read it, whatever bytes it holds (a byte that is not UTF-8 counts as one byte, a character of four as four).
   */
  @Property
  void fromAnyRecordBoundaryAResumeReadsWhatReadingOnReads(@ForAll @Size(max = 2_000) byte[] bytes) throws IOException {
    byte[] file = withHeader(bytes);
    TodoCsvReader reader;
    try {
      reader = TodoCsvReader.open(new ByteArrayInputStream(file), IMPORT, 1);
    } catch (ImportFileException e) {
      return; // only a header this property does not write is refused
    }
    List<ReadPosition> positions = new ArrayList<>(List.of(reader.position()));
    List<RowOutcome> outcomes = new ArrayList<>();
    try {
      for (var next = reader.next(); next.isPresent(); next = reader.next()) {
        outcomes.add(next.get());
        positions.add(reader.position());
      }
    } catch (ImportFileException e) {
      return;
    }
    for (int i = 0; i < positions.size(); i += Math.max(1, positions.size() / 8)) {
      ReadPosition at = positions.get(i);
      assertThat(at.byteOffset()).isBetween(0L, (long) file.length);
      TodoCsvReader resumed = TodoCsvReader.resume(new ByteArrayInputStream(file, (int) at.byteOffset(),
          file.length - (int) at.byteOffset()), ',', reader.header(), at, IMPORT, 1);
      List<RowOutcome> rest = new ArrayList<>();
      try {
        for (var next = resumed.next(); next.isPresent(); next = resumed.next()) {
          rest.add(next.get());
        }
      } catch (ImportFileException e) {
        throw new AssertionError("a resume at " + at + " failed where reading on did not: " + e.getMessage(), e);
      }
      assertThat(rest).as("resumed at %s", at).isEqualTo(outcomes.subList(i, outcomes.size()));
    }
  }

  @Property
  void anyQuotedCsvEndsInRowsEachWithItsLine(@ForAll("csvFiles") String csv) throws IOException {
    Statistics.collect(readAll(csv.getBytes(StandardCharsets.UTF_8)));
  }

  @Property
  void anyHeaderIsAcceptedOrRefusedWithAReason(@ForAll @Size(max = 30) List<@Size(max = 40) String> columns) {
    try {
      CsvHeader header = CsvHeader.parse(columns);
      assertThat(header.columns()).hasSize(columns.size()).contains(CsvHeader.NAME);
    } catch (ImportFileException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property
  void anyMessageBodyDecodesOrIsMalformed(@ForAll String body) {
    try {
      RowMessageCodec.decode(body);
    } catch (MalformedMessageException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property
  void everyAcceptedRowSurvivesTheMessageCodec(@ForAll("csvFiles") String csv) throws Exception {
    TodoCsvReader reader;
    try {
      reader = TodoCsvReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), IMPORT, 1);
    } catch (ImportFileException e) {
      return;
    }
    List<TodoRow> rows = new ArrayList<>();
    try {
      for (var next = reader.next(); next.isPresent(); next = reader.next()) {
        if (next.get() instanceof RowOutcome.Accepted accepted) {
          rows.add(accepted.row());
        }
      }
    } catch (ImportFileException e) {
      return;
    }
    if (rows.isEmpty()) {
      return;
    }
    RowMessage decoded = RowMessageCodec.decode(RowMessageCodec.encode(new RowMessage(IMPORT, rows)));
    assertThat(decoded.rows()).isEqualTo(rows);
  }

  /** A valid header row followed by {@code bytes}. */
  private static byte[] withHeader(byte[] bytes) {
    byte[] header = "name,completed,project\n".getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[header.length + bytes.length];
    System.arraycopy(header, 0, file, 0, header.length);
    System.arraycopy(bytes, 0, file, header.length, bytes.length);
    return file;
  }

  /** Reads a file to its end; returns what it ended in. Rows must come with growing lines, from line 2 on. */
  private static String readAll(byte[] bytes) throws IOException {
    TodoCsvReader reader;
    try {
      reader = TodoCsvReader.open(new ByteArrayInputStream(bytes), IMPORT, 1);
    } catch (ImportFileException e) {
      assertThat(e.getMessage()).isNotBlank();
      return "file refused on opening (header or encoding)";
    }
    long lastLine = 1;
    int rows = 0;
    try {
      for (var next = reader.next(); next.isPresent(); next = reader.next()) {
        assertThat(next.get().line()).isGreaterThan(lastLine);
        lastLine = next.get().line();
        rows++;
      }
    } catch (ImportFileException e) {
      assertThat(e.getMessage()).isNotBlank();
      return "file refused after " + Math.min(rows, 3) + "+ rows";
    }
    return rows == 0 ? "no rows" : "rows";
  }

  @Provide
  Arbitrary<String> csvFiles() {
    Arbitrary<String> field = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().withChars("\",\r\n ab\u00e9\uD83D\uDE00").ofMaxLength(12),
        Arbitraries.of("true", "no", "1", "2026-01-05T09:30:00Z", "1767225600000", "", " "));
    Arbitrary<String> quoted = field.map(f -> "\"" + f.replace("\"", "\"\"") + "\"");
    Arbitrary<String> cell = Arbitraries.oneOf(field, quoted);
    Arbitrary<String> header = Arbitraries.of("name", "name,completed", "todoId,name,completed,createdAt,project",
        "title", "name,name", "\uFEFFname,x");
    Arbitrary<String> row = cell.list().ofMinSize(1).ofMaxSize(6).map(cells -> String.join(",", cells));
    Arbitrary<String> newline = Arbitraries.of("\n", "\r\n");
    return header.flatMap(h -> row.list().ofMaxSize(20).flatMap(rows -> newline.map(nl -> h + nl + String.join(nl, rows))));
  }

}
