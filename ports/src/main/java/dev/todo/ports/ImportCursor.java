package dev.todo.ports;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import java.util.Comparator;

/** Where a page of imports ended: the last record's start time and id, as an opaque token for the next page. */
public record ImportCursor(long startedAt, ImportId importId) {

  /** The listing order: most recently started first, then by id. */
  private static final Comparator<ImportCursor> ORDER = Comparator.comparingLong(ImportCursor::startedAt).reversed()
      .thenComparing(c -> c.importId().value());
  /** Imports in the listing order. */
  public static final Comparator<ImportRecord> MOST_RECENT_FIRST = Comparator.comparing(ImportCursor::of, ORDER);

  public static ImportCursor of(ImportRecord last) {
    return new ImportCursor(last.startedAt(), last.importId());
  }

  public String token() {
    return PageTokens.after(startedAt + "/" + importId.value());
  }

  /**
   * The cursor a token holds.
   *
   * @throws InvalidPageTokenException if the token was not made by {@link #token()}
   */
  public static ImportCursor parse(String token) {
    String last = PageTokens.lastId(token);
    int slash = last.indexOf('/');
    try {
      if (slash > 0 && slash < last.length() - 1) {
        return new ImportCursor(Long.parseLong(last.substring(0, slash)), new ImportId(last.substring(slash + 1)));
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new InvalidPageTokenException("'" + token + "' is not a token this service handed out");
  }

  /** Whether {@code r} is listed after the record this cursor stands for. */
  public boolean isBefore(ImportRecord r) {
    return ORDER.compare(of(r), this) > 0;
  }
}
