package dev.todo.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a JSON Lines import file (one JSON object per line, UTF-8, already decompressed) row by row, with the same
 * fields and rules as a CSV row: {@code name}, {@code todoId}, {@code completed} (a JSON boolean, or a string as in
 * CSV), {@code createdAt} and {@code updatedAt} (epoch milliseconds as a JSON number, or an ISO-8601 string), and
 * extra attributes, which the service keeps as strings (a number or a boolean there is a rejected row, as it is a 400
 * through the API). Blank lines are skipped; a line that is not a JSON object, or longer than the row limit, is a
 * rejected row with its line number, never a failed file. It tracks the UTF-8 byte offset after each line, so an
 * import can resume at any line.
 */
public final class JsonLinesReader implements RowReader {

  /** The error report lists a rejected line's JSON, as the file had it, under this column. */
  public static final String REPORT_COLUMN = "json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final int MAX_LINE_BYTES = CsvRecordReader.MAX_RECORD_CHARS;

  private final InputStream in;
  private final ImportId importId;
  private final long importTime;
  private final byte[] buffer = new byte[1 << 16];
  private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
  private int pos;
  private int limit;
  private long line;
  private long byteOffset;

  private JsonLinesReader(InputStream in, ReadPosition from, ImportId importId, long importTime) {
    this.in = in;
    this.line = from.line();
    this.byteOffset = from.byteOffset();
    this.importId = importId;
    this.importTime = importTime;
  }

  /** Reads a file from its start. */
  public static JsonLinesReader open(InputStream in, ImportId importId, long importTime) {
    return new JsonLinesReader(in, new ReadPosition(1, 0), importId, importTime);
  }

  /** Continues a file from a line boundary; {@code in} must start at {@code from.byteOffset()}. */
  public static JsonLinesReader resume(InputStream in, ReadPosition from, ImportId importId, long importTime) {
    return new JsonLinesReader(in, from, importId, importTime);
  }

  @Override
  public ReadPosition position() {
    return new ReadPosition(line, byteOffset);
  }

  @Override
  public List<String> continuationHeader() {
    return List.of();
  }

  @Override
  public List<String> reportColumns() {
    return List.of(REPORT_COLUMN);
  }

  @Override
  public Optional<RowOutcome> next() throws IOException, ImportFileException {
    while (true) {
      long number = line;
      Optional<Boolean> read = readLine();
      if (read.isEmpty()) {
        return Optional.empty();
      }
      if (!read.get()) {
        return Optional.of(new RowOutcome.Rejected(number, "", "the line is longer than " + MAX_LINE_BYTES + " bytes", List.of()));
      }
      String text = decode();
      java.util.OptionalInt badByte = Utf8Reader.firstBadByte(text);
      if (badByte.isPresent()) {
        return Optional.of(new RowOutcome.Rejected(number, "", Utf8Reader.badBytesReason(badByte.getAsInt()),
            List.of(Utf8Reader.shown(text))));
      }
      if (!text.isBlank()) {
        return Optional.of(map(number, text));
      }
    }
  }

  /** The row of one line: its fields as a CSV row would give them, mapped by the same rules. */
  private RowOutcome map(long number, String text) {
    List<String> raw = List.of(text);
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new RowOutcome.Rejected(number, "", "not valid JSON: " + ShortText.of(e.getOriginalMessage()), raw);
    }
    if (node == null || !node.isObject()) {
      return new RowOutcome.Rejected(number, "", "a line must hold one JSON object, not " + kind(node), raw);
    }
    List<String> columns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue; // as if absent, as a blank cell is
      }
      String column = field.getKey().strip().toLowerCase(Locale.ROOT);
      Optional<String> problem = switch (column) {
        case "name", "todoid" -> value.isTextual() ? Optional.empty() : Optional.of(field.getKey() + " must be a string");
        case "completed" -> value.isBoolean() || value.isTextual() ? Optional.empty()
            : Optional.of("completed must be true or false");
        case "createdat", "updatedat" -> value.isIntegralNumber() || value.isTextual() ? Optional.empty()
            : Optional.of(field.getKey() + " must be epoch milliseconds or an ISO-8601 string");
        case "version" -> Optional.empty();
        default -> value.isTextual() ? Optional.empty() : Optional.of("attribute '" + field.getKey()
            + "' must be a string (the service keeps extra attributes as strings, as through the API)");
      };
      if (problem.isPresent()) {
        return new RowOutcome.Rejected(number, field.getKey(), problem.get(), raw);
      }
      columns.add(field.getKey());
      values.add(value.asText());
    }
    CsvHeader header;
    try {
      header = CsvHeader.parse(columns);
    } catch (ImportFileException e) { // no name, or a key twice in different case
      String reason = e.getMessage().startsWith("the header has no 'name'") ? "name is required and must not be blank"
          : e.getMessage().replace("in the header (columns", "(keys");
      return new RowOutcome.Rejected(number, reason.startsWith("name") ? CsvHeader.NAME : "", reason, raw);
    }
    RowOutcome outcome = new TodoRowMapper(header, importId, importTime).map(new CsvRecord(number, values, false, false));
    return outcome instanceof RowOutcome.Rejected r ? new RowOutcome.Rejected(r.line(), r.column(), r.reason(), raw) : outcome;
  }

  private static String kind(JsonNode node) {
    return node == null ? "nothing" : node.isArray() ? "an array" : node.isTextual() ? "a string"
        : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "null";
  }

  /**
   * Reads the next line's bytes (without its line break) into {@code lineBytes}: empty at the end of the file, false
   * for a line over the limit (read through, not kept). A byte-order mark at the start of the file is skipped.
   */
  private Optional<Boolean> readLine() throws IOException {
    lineBytes.reset();
    boolean any = false;
    boolean kept = true;
    while (true) {
      if (pos == limit && !fill()) {
        return any ? Optional.of(kept) : Optional.empty();
      }
      if (byteOffset == 0 && limit - pos >= 3 && (buffer[pos] & 0xff) == 0xEF && (buffer[pos + 1] & 0xff) == 0xBB
          && (buffer[pos + 2] & 0xff) == 0xBF) {
        pos += 3;
        byteOffset += 3;
        continue;
      }
      any = true;
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      int length = pos - start;
      byteOffset += length;
      if (kept && lineBytes.size() + length <= MAX_LINE_BYTES) {
        lineBytes.write(buffer, start, length);
      } else {
        kept = false;
        lineBytes.reset();
      }
      if (pos < limit) { // the line break
        pos++;
        byteOffset++;
        line++;
        return Optional.of(kept);
      }
    }
  }

  /** The line's text; a byte that is not UTF-8 reads as {@link Utf8Reader} reads it, so the line is rejected. */
  private String decode() throws IOException {
    byte[] bytes = lineBytes.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return Utf8Reader.decode(bytes, length);
    }
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
