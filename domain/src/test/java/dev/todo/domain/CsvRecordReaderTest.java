package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

  private static final String TEXT = "\uFEFFname,note\r\n\"a\nb\",ü€\n\nplain,\"q\"\"x\"\n🚀,last";

  @Test
  void byteOffsetsAreRecordBoundariesInTheUtf8File() throws Exception {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    CsvRecordReader reader = new CsvRecordReader(new StringReader(TEXT));
    List<Long> offsets = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    while (reader.next().isPresent()) {
      offsets.add(reader.byteOffset());
      lines.add(reader.line());
    }
    assertThat(offsets.get(offsets.size() - 1)).isEqualTo(bytes.length);
    for (int i = 0; i < offsets.size() - 1; i++) {
      long offset = offsets.get(i);
      String rest = new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
      CsvRecordReader resumed = new CsvRecordReader(new StringReader(rest), ',', lines.get(i), offset);
      assertThat(records(resumed)).isEqualTo(records(new CsvRecordReader(new StringReader(TEXT))).subList(i + 1, offsets.size()));
    }
  }

  @Test
  void recordsKnowTheLineTheyStartOn() throws Exception {
    assertThat(records(new CsvRecordReader(new StringReader(TEXT))))
        .extracting(CsvRecord::line).containsExactly(1L, 2L, 5L, 6L);
  }

  @Test
  void anOversizedRecordIsReadThroughAndFlagged() throws Exception {
    String huge = "x".repeat(CsvRecordReader.MAX_RECORD_CHARS + 10);
    List<CsvRecord> records = records(new CsvRecordReader(new StringReader("name\n" + huge + "\nnext\n")));
    assertThat(records).extracting(CsvRecord::oversized).containsExactly(false, true, false);
    assertThat(records.get(2).fields()).containsExactly("next");
  }

  @Test
  void aLoneCarriageReturnIsData() throws Exception {
    assertThat(records(new CsvRecordReader(new StringReader("a\rb,c\n"))).get(0).fields()).containsExactly("a\rb", "c");
  }

  private static List<CsvRecord> records(CsvRecordReader reader) throws Exception {
    List<CsvRecord> all = new ArrayList<>();
    Optional<CsvRecord> r;
    while ((r = reader.next()).isPresent()) {
      all.add(r.get());
    }
    return all;
  }
}
