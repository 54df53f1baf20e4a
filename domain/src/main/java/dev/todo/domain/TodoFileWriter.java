package dev.todo.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
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
  private final ICSVWriter csv;
  private final JsonGenerator json;
  private final Writer out;
  private final char delimiter;

  private TodoFileWriter(ExportFormat format, List<String> extraColumns, Writer out) throws IOException {
    this.extraColumns = List.copyOf(extraColumns);
    this.out = out;
    this.delimiter = format.delimiter();
    if (format == ExportFormat.JSONL) {
      this.csv = null;
      this.json = JSON.createGenerator(out).setRootValueSeparator(null);
    } else {
      this.csv = new CSVWriter(out, format.delimiter(), ICSVWriter.DEFAULT_QUOTE_CHARACTER, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
          "\r\n");
      this.json = null;
    }
  }

  /**
   * A writer of todos in {@code format} with these extra attributes' columns (every attribute a todo has must be one of
   * them; JSON Lines writes each todo's own), its header written first where the format has one.
   */
  public static TodoFileWriter start(ExportFormat format, List<String> extraColumns, Writer out) throws IOException {
    TodoFileWriter writer = rows(format, extraColumns, out);
    if (writer.csv != null) {
      List<String> header = new ArrayList<>(FIXED_COLUMNS);
      header.addAll(extraColumns);
      writer.csv.writeNext(header.toArray(String[]::new), false);
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
      csv.writeNext(moved, false);
    }
  }

  /** The extra attributes of {@code todo} an export writes as columns: all but the mark of its import. */
  public static boolean exported(String attribute) {
    return !attribute.equals(Todo.IMPORT_ID);
  }

  public void write(Todo todo) throws IOException {
    if (csv != null) {
      String[] fields = new String[FIXED_COLUMNS.size() + extraColumns.size()];
      fields[0] = todo.todoId();
      fields[1] = todo.name();
      fields[2] = Boolean.toString(todo.completed());
      fields[3] = Instant.ofEpochMilli(todo.createdAt()).toString();
      fields[4] = Instant.ofEpochMilli(todo.updatedAt()).toString();
      for (int i = 0; i < extraColumns.size(); i++) {
        fields[FIXED_COLUMNS.size() + i] = todo.attributes().getOrDefault(extraColumns.get(i), "");
      }
      csv.writeNext(fields, false);
      return;
    }
    json.writeStartObject();
    json.writeStringField(CsvHeader.TODO_ID, todo.todoId());
    json.writeStringField(CsvHeader.NAME, todo.name());
    json.writeBooleanField(CsvHeader.COMPLETED, todo.completed());
    json.writeStringField(CsvHeader.CREATED_AT, Instant.ofEpochMilli(todo.createdAt()).toString());
    json.writeStringField(CsvHeader.UPDATED_AT, Instant.ofEpochMilli(todo.updatedAt()).toString());
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
    if (csv != null) {
      csv.flush();
    } else {
      json.flush();
    }
    out.flush();
  }
}
