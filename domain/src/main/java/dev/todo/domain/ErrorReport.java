package dev.todo.domain;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CSV of an import's rejected rows: {@code line,column,reason} and then the row as the file had it, under the
 * file's own header, so the rows can be fixed in a spreadsheet and the report uploaded again as a new import
 * (an import skips a header's leading {@code line,column,reason}, see {@link CsvHeader}). It lists at most
 * {@link #MAX_LISTED} rows and {@link #MAX_CHARS} characters, so a file of bad rows cannot exhaust memory; a last
 * row says how many it leaves out, and the journal's count stays exact regardless.
 */
public final class ErrorReport {

  public static final int MAX_LISTED = 10_000;
  public static final int MAX_CHARS = 4 << 20;
  /** The report's own columns, before the file's. */
  public static final List<String> OWN_COLUMNS = List.of("line", "column", "reason");

  private final int columns;
  private final StringWriter text = new StringWriter();
  private final ICSVWriter csv = new CSVWriter(text, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
      ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\n");
  private long listed;

  private ErrorReport(int columns) {
    this.columns = columns;
  }

  /** A new report for a file with these header columns. */
  public static ErrorReport forColumns(List<String> fileColumns) {
    ErrorReport report = new ErrorReport(OWN_COLUMNS.size() + fileColumns.size());
    List<String> header = new ArrayList<>(OWN_COLUMNS);
    header.addAll(fileColumns);
    report.write(header);
    return report;
  }

  /**
   * Continues a report written earlier for a file with these header columns ({@code earlier} may be empty), from a
   * checkpoint at {@code line}: the rows it lists from that line on are dropped, for the run going on reads them again
   * (a run can write its report and die before it records the checkpoint that report goes with).
   */
  public static ErrorReport continuing(List<String> fileColumns, String earlier, long line) {
    ErrorReport report = forColumns(fileColumns);
    try {
      CsvRecordReader rows = new CsvRecordReader(new StringReader(earlier));
      rows.next(); // the header
      for (Optional<CsvRecord> row = rows.next(); row.isPresent(); row = rows.next()) {
        List<String> fields = row.get().fields();
        if (before(fields.get(0), line)) {
          report.write(fields);
          report.listed++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return report;
  }

  /** Whether a report row's line (empty on the note that counts unlisted rows) is before {@code line}. */
  private static boolean before(String rowLine, long line) {
    try {
      return Long.parseLong(rowLine) < line;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public void add(RowOutcome.Rejected rejected) {
    if (listed >= MAX_LISTED || text.getBuffer().length() >= MAX_CHARS) {
      return;
    }
    List<String> row = new ArrayList<>(OWN_COLUMNS.size() + rejected.values().size());
    row.add(Long.toString(rejected.line()));
    row.add(rejected.column());
    row.add(rejected.reason());
    row.addAll(rejected.values());
    write(row);
    listed++;
  }

  public long listed() {
    return listed;
  }

  /** A mark to go back to with {@link #reset}. */
  public Mark mark() {
    return new Mark(text.getBuffer().length(), listed);
  }

  public void reset(Mark mark) {
    text.getBuffer().setLength(mark.length());
    listed = mark.listed();
  }

  /** The report as far as it goes; no note about unlisted rows. */
  public String partial() {
    return text.toString();
  }

  /** The final report; a last row, with no line, says how many rejected rows it leaves out, if any. */
  public String complete(long rejected) {
    if (rejected <= listed) {
      return text.toString();
    }
    Mark end = mark();
    List<String> note = new ArrayList<>(List.of("", "", (rejected - listed) + " more rejected rows are not listed"));
    while (note.size() < columns) {
      note.add("");
    }
    write(note);
    String complete = text.toString();
    reset(end);
    return complete;
  }

  /** One row, fields quoted only where RFC 4180 needs it. */
  private void write(List<String> fields) {
    csv.writeNext(fields.toArray(String[]::new), false);
    csv.flushQuietly();
  }

  /** A point in the report. */
  public record Mark(int length, long listed) {
  }
}
