package dev.todo.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of an import file: column names trimmed and matched without regard to case; {@code name}
 * is required, {@code todoId}, {@code completed}, {@code createdAt} and {@code updatedAt} are known, {@code version} is
 * known and ignored, and any other column becomes an extra attribute. A header that starts with {@code line,column,reason} is an
 * {@link ErrorReport} uploaded again: those three columns are the report's own and are not read.
 */
public final class CsvHeader {

  public static final String NAME = "name";
  public static final String TODO_ID = "todoId";
  public static final String COMPLETED = "completed";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  /** Read by no import: the store counts a todo's versions, so a file's column (an export's, say) is ignored. */
  public static final String VERSION = "version";
  private static final List<String> KNOWN = List.of(TODO_ID, NAME, COMPLETED, CREATED_AT, UPDATED_AT, VERSION);

  private final List<String> columns;
  private final Map<String, Integer> knownIndex;
  private final int reportColumns;

  private CsvHeader(List<String> columns, Map<String, Integer> knownIndex, int reportColumns) {
    this.columns = columns;
    this.knownIndex = knownIndex;
    this.reportColumns = reportColumns;
  }

  /** Reads a header record; the message of a failure says what is wrong with it. */
  public static CsvHeader parse(List<String> rawColumns) throws ImportFileException {
    List<String> columns = new ArrayList<>(rawColumns.size());
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Integer> knownIndex = new HashMap<>();
    int reportColumns = startsLikeAReport(rawColumns) ? ErrorReport.OWN_COLUMNS.size() : 0;
    for (int i = 0; i < reportColumns; i++) {
      columns.add(ErrorReport.OWN_COLUMNS.get(i));
    }
    for (int i = reportColumns; i < rawColumns.size(); i++) {
      String raw = rawColumns.get(i).strip();
      if (raw.isEmpty()) {
        throw new ImportFileException("header column " + (i + 1) + " has no name");
      }
      String canonical = canonical(raw);
      Integer earlier = seen.putIfAbsent(canonical.toLowerCase(Locale.ROOT), i);
      if (earlier != null) {
        throw new ImportFileException("duplicate column '" + raw + "' in the header (columns " + (earlier + 1)
            + " and " + (i + 1) + ")");
      }
      if (KNOWN.contains(canonical)) {
        knownIndex.put(canonical, i);
      }
      columns.add(canonical);
    }
    if (!knownIndex.containsKey(NAME)) {
      throw new ImportFileException("the header has no 'name' column (found: " + String.join(", ", columns) + ")");
    }
    return new CsvHeader(List.copyOf(columns), Map.copyOf(knownIndex), reportColumns);
  }

  private static boolean startsLikeAReport(List<String> rawColumns) {
    for (int i = 0; i < ErrorReport.OWN_COLUMNS.size(); i++) {
      if (i >= rawColumns.size() || !rawColumns.get(i).strip().equalsIgnoreCase(ErrorReport.OWN_COLUMNS.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The file's own columns: all of them, but for a report's leading three. */
  public List<String> fileColumns() {
    return columns.subList(reportColumns, columns.size());
  }

  /** A row's values in the file's own columns (a report's leading three left out). */
  public List<String> fileValues(List<String> fields) {
    return fields.size() >= reportColumns ? fields.subList(reportColumns, fields.size()) : fields;
  }

  /** Whether this is an error report's header, whose rows start with the report's own three columns. */
  public boolean isReport() {
    return reportColumns > 0;
  }

  public List<String> columns() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  /** The position of a known column, or -1 when the file does not have it. */
  public int indexOf(String knownColumn) {
    return knownIndex.getOrDefault(knownColumn, -1);
  }

  public boolean isExtra(int index) {
    return index >= reportColumns && !knownIndex.containsValue(index);
  }

  private static String canonical(String raw) {
    for (String known : KNOWN) {
      if (known.equalsIgnoreCase(raw)) {
        return known;
      }
    }
    return raw;
  }
}
