package dev.todo.domain;

import java.util.List;
import java.util.Locale;

/**
 * How an import file's bytes are compressed, as its first bytes say: not at all, gzip or zstd. A file's name says it
 * too, by its ending; an import goes by the bytes.
 */
public enum Compression {
  NONE(List.of()), GZIP(List.of(".gz", ".gzip")), ZSTD(List.of(".zst", ".zstd"));

  /** Every ending of a compressed file's name, gzip's first. */
  public static final List<String> NAME_ENDINGS = List.of(values()).stream().flatMap(c -> c.endings.stream()).toList();

  private final List<String> endings;

  Compression(List<String> endings) {
    this.endings = endings;
  }

  /** The compression a file's name ends with ({@code .gz}, {@code .gzip}, {@code .zst}, {@code .zstd}, any case), else NONE. */
  public static Compression ofName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Compression c : values()) {
      if (c.endings.stream().anyMatch(lower::endsWith)) {
        return c;
      }
    }
    return NONE;
  }

  /** The compression whose magic number the file starts with ({@code head}: its first four bytes, or fewer). */
  public static Compression of(byte[] head) {
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }
}
