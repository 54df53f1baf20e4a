package dev.todo.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A streaming RFC 4180 reader, with a comma or any other one-character delimiter between fields: quoted fields
 * may hold the delimiter, doubled quotes and line breaks; records end
 * with LF or CRLF; blank lines are skipped; a leading byte-order mark is dropped. It tracks the line each
 * record starts on and the UTF-8 byte offset after it, so an import can resume from any record boundary (a byte
 * that was not UTF-8, as {@link Utf8Reader} gives it, counts as the one byte it was).
 */
public final class CsvRecordReader {

  /** Longest record kept in memory; a longer one is read through and returned {@code oversized}. */
  public static final int MAX_RECORD_CHARS = 1 << 20;

  private static final int EOF = -1;

  private final Reader in;
  private final char delimiter;
  private final char[] buffer = new char[1 << 16];
  private int pos;
  private int limit;
  private long line;
  private long byteOffset;
  private char previous;
  private boolean badBytes;
  private final StringBuilder field = new StringBuilder();
  private int recordChars;

  /** Reads comma-separated records from the start of a file. */
  public CsvRecordReader(Reader in) {
    this(in, ',', 1, 0);
  }

  /**
   * Reads records whose fields {@code delimiter} separates from a record boundary found earlier: {@code line} and
   * {@code byteOffset} are where it starts (1 and 0 for the start of the file).
   */
  public CsvRecordReader(Reader in, char delimiter, long line, long byteOffset) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("a delimiter cannot be a quote or a line break");
    }
    this.in = in;
    this.delimiter = delimiter;
    this.line = line;
    this.byteOffset = byteOffset;
  }

  /** The line the next record starts on (or the first line after the file). */
  public long line() {
    return line;
  }

  /** UTF-8 bytes consumed so far, counted from the start of the file. */
  public long byteOffset() {
    return byteOffset;
  }

  /** The next non-blank record, or empty at the end of the input. */
  public Optional<CsvRecord> next() throws IOException {
    if (byteOffset == 0 && peek() == '\uFEFF') {
      read();
    }
    int c;
    while (true) {
      c = peek();
      if (c == EOF) {
        return Optional.empty();
      }
      if (c == '\n') {
        read();
      } else if (c == '\r' && peekAfterCarriageReturn() == '\n') {
        read();
        read();
      } else {
        break;
      }
    }
    long startLine = line;
    List<String> fields = new ArrayList<>();
    recordChars = 0;
    badBytes = false;
    while (true) {
      field.setLength(0);
      c = read();
      if (c == '"') {
        long quoteLine = line;
        c = readQuoted(startLine, quoteLine);
      }
      c = readUnquoted(c);
      fields.add(field.toString());
      if (c != delimiter) {
        return Optional.of(new CsvRecord(startLine, List.copyOf(fields), recordChars > MAX_RECORD_CHARS, badBytes));
      }
    }
  }

  /** Reads a quoted field's content after its opening quote; returns the first character after the closing quote. */
  private int readQuoted(long startLine, long quoteLine) throws IOException {
    while (true) {
      int c = read();
      if (c == EOF) {
        throw new MalformedCsvException(startLine, "unterminated quoted field (the quote opens on line " + quoteLine + ")");
      }
      if (c == '"') {
        c = read();
        if (c != '"') {
          return c;
        }
      }
      append(c);
    }
  }

  /** Reads unquoted characters from {@code c} to the end of the field; returns the delimiter or the record's end. */
  private int readUnquoted(int c) throws IOException {
    while (true) {
      if (c == delimiter || c == '\n' || c == EOF) {
        return c;
      }
      if (c == '\r' && peek() == '\n') {
        read();
        return '\n';
      }
      append(c);
      c = read();
    }
  }

  private void append(int c) {
    if (++recordChars <= MAX_RECORD_CHARS) {
      field.append((char) c);
    }
  }

  private int read() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    char c = buffer[pos++];
    if (c < 0x80) {
      byteOffset++;
      if (c == '\n') {
        line++;
      }
    } else if (Utf8Reader.isEscapedByte(previous, c)) {
      byteOffset++; // a byte that was not UTF-8
      badBytes = true;
    } else if (c < 0x800 || Character.isSurrogate(c)) {
      byteOffset += 2; // a surrogate pair is 4 bytes in UTF-8, 2 per half
    } else {
      byteOffset += 3;
    }
    previous = c;
    return c;
  }

  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buffer[pos];
  }

  private int peekAfterCarriageReturn() throws IOException {
    if (pos + 1 >= limit) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      limit -= pos;
      pos = 0;
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n > 0) {
        limit += n;
      }
    }
    return pos + 1 < limit ? buffer[pos + 1] : EOF;
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }
}
