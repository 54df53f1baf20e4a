package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileFormatTest {

  @Test
  void theExtensionGivesTheDelimiterUnlessTheMetadataSaysOtherwise() throws Exception {
    assertThat(FileFormat.of(Map.of(), "import/a.csv")).isEqualTo(FileFormat.CSV);
    assertThat(FileFormat.of(Map.of(), "import/a")).isEqualTo(FileFormat.CSV);
    assertThat(FileFormat.of(Map.of(), "import/a.TSV").delimiter()).isEqualTo('\t');
    assertThat(FileFormat.of(Map.of(), "import/a.tsv.gz").delimiter()).isEqualTo('\t');
    assertThat(FileFormat.of(Map.of(), "import/a.tsv.zst").source()).isEqualTo("the extension .tsv");
    assertThat(FileFormat.of(Map.of("Format", "TSV"), "import/a.csv").delimiter()).isEqualTo('\t'); // any case, as S3 keeps it
    assertThat(FileFormat.of(Map.of("format", "csv"), "import/a.tsv").delimiter()).isEqualTo(',');
    FileFormat semicolons = FileFormat.of(Map.of("delimiter", ";"), "import/a.csv");
    assertThat(semicolons.delimiter()).isEqualTo(';');
    assertThat(semicolons.describe()).isEqualTo("read as text delimited by ';', from the object's metadata delimiter=';'");
    assertThat(FileFormat.of(Map.of("delimiter", "tab"), "import/a.csv").delimiter()).isEqualTo('\t');
    assertThat(FileFormat.of(Map.of("delimiter", "|", "format", "tsv"), "a").delimiter()).isEqualTo('|'); // the delimiter wins
  }

  @Test
  void jsonLinesByTheirExtensionOrTheirMetadataTakeNoDelimiterOrHeader() throws Exception {
    assertThat(FileFormat.of(Map.of(), "import/a.jsonl").kind()).isEqualTo(FileFormat.Kind.JSON_LINES);
    assertThat(FileFormat.of(Map.of(), "import/a.ndjson.zst").describe()).isEqualTo("read as JSON Lines, from the extension .ndjson");
    assertThat(FileFormat.of(Map.of("format", "jsonl"), "import/a.txt").kind()).isEqualTo(FileFormat.Kind.JSON_LINES);
    assertThatThrownBy(() -> FileFormat.of(Map.of("delimiter", ";"), "import/a.jsonl"))
        .hasMessage("the object's metadata 'delimiter' applies to csv and tsv files, not to JSON Lines (the extension .jsonl)");
    assertThatThrownBy(() -> FileFormat.of(Map.of("format", "jsonl", "header", "name"), "a"))
        .hasMessageContaining("'header' applies to csv and tsv files");
  }

  @Test
  void aNameSaysItsCompressionByItsEndingInAnyCase() {
    assertThat(Compression.ofName("import/a.csv.gz")).isEqualTo(Compression.GZIP);
    assertThat(Compression.ofName("import/A.TSV.GZIP")).isEqualTo(Compression.GZIP);
    assertThat(Compression.ofName("import/a.jsonl.zst")).isEqualTo(Compression.ZSTD);
    assertThat(Compression.ofName("import/a.ZSTD")).isEqualTo(Compression.ZSTD);
    assertThat(Compression.ofName("import/a.csv")).isEqualTo(Compression.NONE);
    assertThat(Compression.ofName("import/gz")).isEqualTo(Compression.NONE);
    assertThat(Compression.NAME_ENDINGS).containsExactly(".gz", ".gzip", ".zst", ".zstd");
  }

  @Test
  void aBadOptionIsRefusedNamingIt() {
    assertThatThrownBy(() -> FileFormat.of(Map.of("format", "xlsx"), "a.csv")).isInstanceOf(ImportFileException.class)
        .hasMessage("the object's metadata 'format' is 'xlsx': use csv, tsv or jsonl");
    for (String bad : List.of("", ";;", "\"", "\n", "\r")) {
      assertThatThrownBy(() -> FileFormat.of(Map.of("delimiter", bad), "a.csv")).as(bad).isInstanceOf(ImportFileException.class)
          .hasMessageContaining("the delimiter");
    }
    assertThatThrownBy(() -> FileFormat.of(Map.of("header", "name,%zz"), "a.csv")).hasMessageContaining("malformed percent-escape");
  }

  @Test
  void aGivenHeaderRoundTripsThroughItsOptionUnicodeCommasAndPercentSignsIncluded() throws Exception {
    List<String> names = List.of("name", "completed", "Zeit, lokal", "100% done", "a+b", "名前");
    String option = FileFormat.headerOption(names);
    assertThat(option).matches("[\\x21-\\x7e]+"); // printable ASCII: an S3 metadata value as every client sends it
    assertThat(FileFormat.of(Map.of("header", option), "a.csv").header()).isEqualTo(Optional.of(names));
    assertThat(FileFormat.header(" name , completed ")).containsExactly("name", "completed");
  }

  @Test
  void theReaderSplitsOnTheDelimiterAndKeepsItInsideQuotes() throws Exception {
    String tsv = "\uFEFFname\tnote\r\n\"a\tb\"\t\"line\r\nbreak\"\r\nplain, with; others\t\"say \"\"hi\"\"\"\r\n";
    assertThat(records(tsv, '\t')).containsExactly(List.of("name", "note"), List.of("a\tb", "line\r\nbreak"),
        List.of("plain, with; others", "say \"hi\""));
    assertThat(records("name;Ünïcode ключ\n\"x;y\";2\n", ';')).containsExactly(List.of("name", "Ünïcode ключ"), List.of("x;y", "2"));
    assertThat(records("a|b\n\n|\n", '|')).containsExactly(List.of("a", "b"), List.of("", ""));
  }

  private static List<List<String>> records(String text, char delimiter) throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new StringReader(text), delimiter, 1, 0);
    List<List<String>> out = new ArrayList<>();
    for (Optional<CsvRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
      out.add(r.get().fields());
    }
    return out;
  }
}
