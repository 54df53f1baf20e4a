package dev.todo.usecase;

import dev.todo.domain.ExportFormat;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The part a segment's run is writing: its rows as the export's file has them, written as each page comes, so a worker
 * holds one part's text and one page of todos, not the part's todos. The rows' extra columns are the attributes the
 * run has met so far (sorted); a page that brings one more ends the part before it (CSV and TSV: rows already written
 * have no field for it), and the next part has the columns of both. JSON Lines writes each todo's own attributes, so
 * there a part ends only by its size.
 */
final class SegmentPart {

  private final ExportFormat format;
  private final ByteArrayOutputStream bytes;
  private final Writer text;
  private final SortedSet<String> columns = new TreeSet<>();
  private TodoFileWriter writer;
  private long rows;

  SegmentPart(ExportFormat format, int partBytes) throws IOException {
    this.format = format;
    this.bytes = new ByteArrayOutputStream(partBytes + (partBytes >> 2));
    this.text = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
    this.writer = TodoFileWriter.rows(format, List.of(), text);
  }

  /** Whether the part must end before {@code page}: it has rows, and the page a column they were written without. */
  boolean endsBefore(List<Todo> page) {
    return rows > 0 && format != ExportFormat.JSONL && !newColumns(page).isEmpty();
  }

  /** Writes the page's todos as rows; a page that {@link #endsBefore} this part goes on the next one. */
  void write(List<Todo> page) throws IOException {
    SortedSet<String> added = newColumns(page);
    if (!added.isEmpty()) {
      if (rows > 0 && format != ExportFormat.JSONL) { // what endsBefore says, without reading the page again
        throw new IllegalStateException("the page has columns the part's rows lack: it goes on the next part");
      }
      columns.addAll(added);
      writer = TodoFileWriter.rows(format, List.copyOf(columns), text);
    }
    for (Todo todo : page) {
      writer.write(todo);
    }
    writer.flush();
    rows += page.size();
  }

  private SortedSet<String> newColumns(List<Todo> page) {
    SortedSet<String> added = new TreeSet<>();
    for (Todo todo : page) {
      for (String attribute : todo.attributes().keySet()) {
        if (!columns.contains(attribute) && TodoFileWriter.exported(attribute)) {
          added.add(attribute);
        }
      }
    }
    return added;
  }

  boolean isEmpty() {
    return rows == 0;
  }

  long rows() {
    return rows;
  }

  int bytes() {
    return bytes.size();
  }

  List<String> columns() {
    return List.copyOf(columns);
  }

  byte[] content() {
    return bytes.toByteArray();
  }

  /** Empty again, for the next part (its columns are kept). */
  void clear() {
    bytes.reset();
    rows = 0;
  }
}
