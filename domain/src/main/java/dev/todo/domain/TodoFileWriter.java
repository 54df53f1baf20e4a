package dev.todo.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes todos as an import reads them back: for CSV and TSV a header row of {@code todoId}, {@code name},
 * {@code completed}, {@code createdAt}, {@code updatedAt} and then the extra attributes' columns, fields quoted only
 * where RFC 4180 needs it, lines ending CRLF; for JSON Lines one object per todo with the same fields (a JSON boolean
 * for {@code completed}). Times are ISO-8601 instants to the millisecond. A todo's version and the mark of the
 * import that wrote it are left out: both record writes, and a re-import is a write of its own.
 */
public final class TodoFileWriter {

  /** The columns every export has, before the extra attributes'. */
  public static final List<String> FIXED_COLUMNS = List.of(CsvHeader.TODO_ID, CsvHeader.NAME, CsvHeader.COMPLETED,
      CsvHeader.CREATED_AT, CsvHeader.UPDATED_AT);
  private static final JsonFactory JSON = new JsonFactory();

  private final List<String> extraColumns;
  private final boolean csv;
  private final JsonGenerator json;
  private final Writer out;
  private final char delimiter;
  private final StringBuilder line = new StringBuilder(256);
  private long day = Long.MIN_VALUE;
  private String date = "";

  private TodoFileWriter(ExportFormat format, List<String> extraColumns, Writer out) throws IOException {
    this.extraColumns = List.copyOf(extraColumns);
    this.out = out;
    this.delimiter = format.delimiter();
    this.csv = format != ExportFormat.JSONL;
    this.json = csv ? null : JSON.createGenerator(out).setRootValueSeparator(null);
  }

  /**
   * A writer of todos in {@code format} with these extra attributes' columns (every attribute a todo has must be one of
   * them; JSON Lines writes each todo's own), its header written first where the format has one.
   */
  public static TodoFileWriter start(ExportFormat format, List<String> extraColumns, Writer out) throws IOException {
    TodoFileWriter writer = rows(format, extraColumns, out);
    if (writer.csv) {
      List<String> header = new ArrayList<>(FIXED_COLUMNS);
      header.addAll(extraColumns);
      writer.writeRow(header.toArray(String[]::new));
    }
    return writer;
  }

  /** The same without the header: for rows that go on a file whose header is written elsewhere. */
  public static TodoFileWriter rows(ExportFormat format, List<String> extraColumns, Writer out) throws IOException {
    return new TodoFileWriter(format, extraColumns, out);
  }

  /**
   * Copies CSV or TSV rows this class wrote (without a header) under other extra columns, {@code from}, into this
   * writer's columns: each value moves to its column's place, a column the rows lacked is empty.
   */
  public void copy(Reader rows, List<String> from) throws IOException {
    int[] place = new int[FIXED_COLUMNS.size() + from.size()];
    for (int i = 0; i < place.length; i++) {
      place[i] = i < FIXED_COLUMNS.size() ? i : FIXED_COLUMNS.size() + extraColumns.indexOf(from.get(i - FIXED_COLUMNS.size()));
    }
    CsvRecordReader reader = new CsvRecordReader(rows, delimiter, 1, 0);
    for (Optional<CsvRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
      List<String> fields = next.get().fields();
      String[] moved = new String[FIXED_COLUMNS.size() + extraColumns.size()];
      Arrays.fill(moved, "");
      for (int i = 0; i < fields.size() && i < place.length; i++) {
        moved[place[i]] = fields.get(i);
      }
      writeRow(moved);
    }
  }

  /** The extra attributes of {@code todo} an export writes as columns: all but the mark of its import. */
  public static boolean exported(String attribute) {
    return !attribute.equals(Todo.IMPORT_ID);
  }

  public void write(Todo todo) throws IOException {
    if (csv) {
      String[] fields = new String[FIXED_COLUMNS.size() + extraColumns.size()];
      fields[0] = todo.todoId();
      fields[1] = todo.name();
      fields[2] = Boolean.toString(todo.completed());
      fields[3] = instant(todo.createdAt());
      fields[4] = instant(todo.updatedAt());
      for (int i = 0; i < extraColumns.size(); i++) {
        fields[FIXED_COLUMNS.size() + i] = todo.attributes().getOrDefault(extraColumns.get(i), "");
      }
      writeRow(fields);
      return;
    }
    json.writeStartObject();
    json.writeStringField(CsvHeader.TODO_ID, todo.todoId());
    json.writeStringField(CsvHeader.NAME, todo.name());
    json.writeBooleanField(CsvHeader.COMPLETED, todo.completed());
    json.writeStringField(CsvHeader.CREATED_AT, instant(todo.createdAt()));
    json.writeStringField(CsvHeader.UPDATED_AT, instant(todo.updatedAt()));
    for (var attribute : todo.attributes().entrySet()) {
      if (exported(attribute.getKey())) {
        json.writeStringField(attribute.getKey(), attribute.getValue());
      }
    }
    json.writeEndObject();
    json.writeRaw('\n');
  }

  /** Writes out what is buffered (the underlying writer stays open). */
  public void flush() throws IOException {
    if (!csv) {
      json.flush();
    }
    out.flush();
  }

  /**
   * One CSV or TSV line as RFC 4180 has it: a field holding the delimiter, a quote or a line break is quoted, its
   * quotes doubled; the others are written as they are; the line ends CRLF. (As opencsv's writer does, which searches
   * each field five times and copies it twice: with {@link #instant}, a row now takes half the CPU it took.)
   */
  private void writeRow(String[] fields) throws IOException {
    line.setLength(0);
    for (int f = 0; f < fields.length; f++) {
      if (f > 0) {
        line.append(delimiter);
      }
      String field = fields[f] == null ? "" : fields[f];
      if (needsQuotes(field)) {
        line.append('"');
        for (int i = 0; i < field.length(); i++) {
          char c = field.charAt(i);
          line.append(c);
          if (c == '"') {
            line.append('"');
          }
        }
        line.append('"');
      } else {
        line.append(field);
      }
    }
    line.append("\r\n");
    out.append(line);
  }

  /**
   * {@code Instant.ofEpochMilli(millis).toString()}, at a fifth of its CPU for the years 1970 to 9999: the date is
   * worked out once per day (an export's todos were mostly made on a few days) and the time from the remainder.
   */
  String instant(long millis) {
    if (millis < 0 || millis >= LAST_FAST) {
      return Instant.ofEpochMilli(millis).toString();
    }
    long thisDay = millis / DAY;
    if (thisDay != day) {
      day = thisDay;
      date = LocalDate.ofEpochDay(thisDay) + "T";
    }
    int ofDay = (int) (millis % DAY);
    int ms = ofDay % 1000;
    int seconds = ofDay / 1000;
    char[] time = new char[ms == 0 ? 9 : 13];
    twoDigits(time, 0, seconds / 3600);
    time[2] = ':';
    twoDigits(time, 3, seconds / 60 % 60);
    time[5] = ':';
    twoDigits(time, 6, seconds % 60);
    if (ms != 0) {
      time[8] = '.';
      time[9] = (char) ('0' + ms / 100);
      twoDigits(time, 10, ms % 100);
    }
    time[time.length - 1] = 'Z';
    return date.concat(new String(time));
  }

  private static final long DAY = 86_400_000L;
  /** 10000-01-01T00:00:00Z: from there on a year has five digits and a sign. */
  private static final long LAST_FAST = 253_402_300_800_000L;

  private static void twoDigits(char[] into, int at, int value) {
    into[at] = (char) ('0' + value / 10);
    into[at + 1] = (char) ('0' + value % 10);
  }

  private boolean needsQuotes(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
