package dev.todo.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Packs encoded rows into message bodies of at most {@code maxBytes} UTF-8 bytes. The caller asks
 * {@link #fits} before {@link #add}, and takes the full message with {@link #take} when the next row does not fit.
 * Sizes are measured with the longer envelope of a message marked {@code again}, so a file is cut into the same
 * messages whichever of them are marked, and a run that sends rows again sends them under the same batch keys.
 */
public final class MessagePacker {

  /** The SQS limit every client supports. */
  public static final int DEFAULT_MAX_BYTES = 256 * 1024;
  /** The largest SQS message. */
  public static final int LIMIT_MAX_BYTES = 1024 * 1024;

  private final ImportId importId;
  private final byte[] start;
  private final byte[] end;
  private final int maxBytes;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
  private int rows;
  private long firstLine;

  public MessagePacker(ImportId importId, int maxBytes) {
    if (maxBytes < 1024 || maxBytes > LIMIT_MAX_BYTES) {
      throw new IllegalArgumentException("message size must be between 1 KiB and 1 MiB, was " + maxBytes);
    }
    this.importId = importId;
    this.start = RowMessageCodec.envelopeStart(importId, true).getBytes(StandardCharsets.UTF_8);
    this.end = RowMessageCodec.envelopeEnd().getBytes(StandardCharsets.UTF_8);
    this.maxBytes = maxBytes;
  }

  /** Whether a message holding only this row would be within the limit. */
  public boolean fitsAlone(byte[] row) {
    return start.length + row.length + end.length <= maxBytes;
  }

  /** Whether this row fits in the message being packed. */
  public boolean fits(byte[] row) {
    int separator = rows == 0 ? 0 : 1;
    return start.length + body.size() + separator + row.length + end.length <= maxBytes;
  }

  public void add(byte[] row, long line) {
    if (!fits(row)) {
      throw new IllegalStateException("row on line " + line + " does not fit; take() the message first");
    }
    if (rows++ == 0) {
      firstLine = line;
    } else {
      body.write(',');
    }
    body.writeBytes(row);
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  /** The packed message, leaving the packer empty. */
  public PackedMessage take() {
    return take(false);
  }

  /** The packed message, marked {@code again} if its rows may have been queued before; the packer is left empty. */
  public PackedMessage take(boolean again) {
    if (rows == 0) {
      throw new IllegalStateException("nothing packed");
    }
    String json = RowMessageCodec.envelopeStart(importId, again) + body.toString(StandardCharsets.UTF_8)
        + new String(end, StandardCharsets.UTF_8);
    PackedMessage message = new PackedMessage(firstLine, rows, json);
    body.reset();
    rows = 0;
    return message;
  }

  /** A message body ready to queue, with the line of its first row and its row count. */
  public record PackedMessage(long firstLine, int rows, String body) {
  }
}
