package dev.todo.domain;

/** How an import file's bytes are compressed, as its first bytes say: not at all, gzip or zstd. */
public enum Compression {
  NONE, GZIP, ZSTD;

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
