package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The export writer's own CSV quoting and time format against the references they replace. */
class TodoFileWriterFormatTest {

  @Property
  void aLineIsWhatOpencsvWritesForTheSameFields(@ForAll("fields") List<String> fields,
      @ForAll("delimiters") char delimiter) throws Exception {
    ExportFormat format = delimiter == '\t' ? ExportFormat.TSV : ExportFormat.CSV;
    List<String> extras = fields.subList(5, fields.size());
    List<String> columns = java.util.stream.IntStream.range(0, extras.size()).mapToObj(i -> "c" + i).toList();
    java.util.Map<String, String> attributes = new java.util.HashMap<>();
    for (int i = 0; i < extras.size(); i++) {
      attributes.put(columns.get(i), extras.get(i));
    }
    Todo todo = new Todo(fields.get(0), fields.get(1), true, 0L, 0L, attributes);
    StringWriter ours = new StringWriter();
    TodoFileWriter writer = TodoFileWriter.rows(format, columns, ours);
    writer.write(todo);
    writer.flush();

    StringWriter reference = new StringWriter();
    ICSVWriter opencsv = new CSVWriter(reference, delimiter, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
        ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\r\n");
    List<String> row = new java.util.ArrayList<>(List.of(fields.get(0), fields.get(1), "true", "1970-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z"));
    row.addAll(extras);
    opencsv.writeNext(row.toArray(String[]::new), false);
    opencsv.flush();

    assertThat(ours.toString()).isEqualTo(reference.toString());
  }

  @Property
  void aTimeIsWhatInstantWritesForTheSameMillisecond(@ForAll("millis") List<Long> millis) throws Exception {
    TodoFileWriter writer = TodoFileWriter.rows(ExportFormat.CSV, List.of(), new StringWriter());
    for (long m : millis) { // one writer, in turn: days change back and forth
      assertThat(writer.instant(m)).as("%d", m).isEqualTo(Instant.ofEpochMilli(m).toString());
    }
  }

  @Provide
  Arbitrary<List<String>> fields() {
    return Arbitraries.strings().withChars("ab ,;|\t\"\r\n'=é").ofMaxLength(6).list().ofMinSize(5).ofMaxSize(8);
  }

  @Provide
  Arbitrary<Character> delimiters() {
    return Arbitraries.of(',', '\t'); // the export's two delimiters
  }

  @Provide
  Arbitrary<List<Long>> millis() {
    long day = 86_400_000L;
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 253_402_300_800_000L + day),
        Arbitraries.longs().between(1_700_000_000_000L, 1_700_000_000_000L + 3 * day),
        Arbitraries.of(0L, 1L, 999L, 1_000L, 59_999L, day - 1, day, 253_402_300_799_999L, 253_402_300_800_000L, -1L,
            -1_000L, Long.MAX_VALUE / 1_000, -62_135_596_800_000L, 951_782_400_000L /* 2000-02-29 */),
        Arbitraries.longs().between(-100_000_000_000_000L, 0))
        .list().ofMinSize(1).ofMaxSize(50);
  }
}
