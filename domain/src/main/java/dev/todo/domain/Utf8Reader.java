package dev.todo.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 in which every byte that is not part of valid UTF-8 reads as one character of its own, U+DC80-U+DCFF (the
 * byte's value in the low half of a low surrogate, as Python's {@code surrogateescape} does). No valid UTF-8 decodes to
 * a lone low surrogate, so a record that holds one is exactly the record with the bad bytes: it is rejected with its
 * own line while the rest of the file imports. A reader that threw instead would stop the file there, after some of
 * its rows were queued, and {@link java.io.InputStreamReader} throws when it decodes the block holding the bytes, up to
 * 8 KiB before its reader reaches them, so even the line it could name was wrong.
 */
final class Utf8Reader extends Reader {

  /** A read of at least this many characters is decoded into the caller's array; a shorter one may not hold a pair. */
  private static final int DIRECT = 64;
  private static final char ESCAPE = 0xDC00;

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private final CharBuffer chars = CharBuffer.allocate(8192).flip();
  private boolean endOfInput;
  private boolean flushed;

  Utf8Reader(InputStream in) {
    this.in = in;
  }

  /** The first {@code length} bytes as text, each byte that is not UTF-8 escaped. */
  static String decode(byte[] bytes, int length) {
    try (Utf8Reader reader = new Utf8Reader(new java.io.ByteArrayInputStream(bytes, 0, length))) {
      StringBuilder text = new StringBuilder(length);
      char[] chars = new char[Math.max(DIRECT, length)];
      for (int n = reader.read(chars, 0, chars.length); n != -1; n = reader.read(chars, 0, chars.length)) {
        text.append(chars, 0, n);
      }
      return text.toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail
    }
  }

  /** Why a row (or a JSON line) holding {@code badByte} is rejected: what a person sees in the error report. */
  static String badBytesReason(int badByte) {
    return String.format("not valid UTF-8 (byte 0x%02X, shown as \uFFFD): save the file as UTF-8", badByte);
  }

  /** Whether {@code c} stands for a byte that was not UTF-8 (a low surrogate the character before does not pair). */
  static boolean isEscapedByte(char before, char c) {
    return Character.isLowSurrogate(c) && !Character.isHighSurrogate(before);
  }

  /** The first byte in {@code text} that was not UTF-8, if any. */
  static java.util.OptionalInt firstBadByte(String text) {
    char before = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isEscapedByte(before, c)) {
        return java.util.OptionalInt.of(c & 0xFF);
      }
      before = c;
    }
    return java.util.OptionalInt.empty();
  }

  /** {@code text} with each byte that was not UTF-8 shown as U+FFFD, as a report can store it. */
  static String shown(String text) {
    if (firstBadByte(text).isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    char before = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(isEscapedByte(before, c) ? '\uFFFD' : c);
      before = c;
    }
    return out.toString();
  }

  @Override
  public int read(char[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!chars.hasRemaining()) {
      if (length >= DIRECT) { // straight into the caller's array: no copy
        return decode(CharBuffer.wrap(into, offset, length));
      }
      chars.clear();
      int decoded = decode(chars);
      chars.flip();
      if (decoded < 0) {
        return -1;
      }
    }
    int n = Math.min(length, chars.remaining());
    chars.get(into, offset, n);
    return n;
  }

  /** Decodes the next characters into {@code out}: how many, or -1 at the end of the input. */
  private int decode(CharBuffer out) throws IOException {
    if (flushed) {
      return -1;
    }
    int start = out.position();
    while (out.position() == start) {
      CoderResult result = decoder.decode(bytes, out, endOfInput);
      if (result.isError()) {
        for (int i = 0; i < result.length() && out.hasRemaining(); i++) {
          out.put((char) (ESCAPE | (bytes.get() & 0xFF)));
        }
        continue;
      }
      if (result.isOverflow()) {
        break;
      }
      if (endOfInput) {
        flushed = true;
        decoder.flush(out);
        break;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        endOfInput = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
    return out.position() == start ? -1 : out.position() - start;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
