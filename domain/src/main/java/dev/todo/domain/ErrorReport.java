package dev.todo.domain;

/**
 * The CSV of an import's rejected rows ({@code line,column,reason}). It lists at most {@link #MAX_LISTED}
 * rows, so a file of bad rows cannot exhaust memory; the count in the journal stays exact regardless.
 */
public final class ErrorReport {

  public static final int MAX_LISTED = 10_000;
  public static final String HEADER = "line,column,reason\n";

  private final StringBuilder text;
  private long listed;

  public ErrorReport() {
    this(HEADER, 0);
  }

  /** Continues a report written earlier that lists {@code listed} rows. */
  public ErrorReport(String earlier, long listed) {
    this.text = new StringBuilder(earlier.isEmpty() ? HEADER : earlier);
    this.listed = listed;
  }

  public void add(RowOutcome.Rejected rejected) {
    if (listed < MAX_LISTED) {
      text.append(rejected.line()).append(',').append(escape(rejected.column())).append(',')
          .append(escape(rejected.reason())).append('\n');
      listed++;
    }
  }

  public long listed() {
    return listed;
  }

  /** A mark to go back to with {@link #reset}. */
  public Mark mark() {
    return new Mark(text.length(), listed);
  }

  public void reset(Mark mark) {
    text.setLength(mark.length());
    listed = mark.listed();
  }

  /** The report as far as it goes; no note about unlisted rows. */
  public String partial() {
    return text.toString();
  }

  /** The final report; a last row says how many rejected rows it leaves out, if any. */
  public String complete(long rejected) {
    if (rejected <= listed) {
      return text.toString();
    }
    return text + "," + "," + escape((rejected - listed) + " more rejected rows are not listed") + "\n";
  }

  /** Quotes a CSV field when it needs it (RFC 4180). */
  public static String escape(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /** A point in the report. */
  public record Mark(int length, long listed) {
  }
}
