package dev.todo.usecase;

import dev.todo.ports.ExportFiles;
import java.time.Duration;

/**
 * How an export reads and writes: {@code segments} workers side by side (DynamoDB's parallel Scan), {@code pageSize}
 * items per Scan call, and parts of about {@code partBytes} (a worker holds one part's text in memory, whatever the
 * table's size; by default S3's smallest part of a multipart upload, so the assembly copies a part into the file within
 * S3 instead of reading it); what the assembly must read and write itself it uploads in parts of about
 * {@code fileChunkBytes}, holding one in memory. S3 takes 10,000 parts at most: with the defaults a file of up to
 * 48 GiB. {@code assemblyLease} is how long the assembly's claim stands after its run last recorded progress (which it
 * does after every part of the file, seconds apart): a run silent for longer has died and is taken over. A live run
 * taken over by mistake loses nothing: it stops at its next part, and both cut the file into the same parts.
 */
public record ExportSettings(int segments, int pageSize, int partBytes, int fileChunkBytes, Duration assemblyLease) {

  /** The most segments an export is split into. */
  public static final int MAX_SEGMENTS = 64;
  public static final ExportSettings DEFAULTS = new ExportSettings(8, 1_000, ExportFiles.MIN_PART_BYTES, 8 << 20,
      Duration.ofMinutes(2));

  public ExportSettings {
    if (segments < 1 || segments > MAX_SEGMENTS) {
      throw new IllegalArgumentException("segments must be between 1 and " + MAX_SEGMENTS);
    }
    if (pageSize < 1 || partBytes < 1 || fileChunkBytes < 1) {
      throw new IllegalArgumentException("pageSize, partBytes and fileChunkBytes must be positive");
    }
    if (assemblyLease.isNegative() || assemblyLease.isZero()) {
      throw new IllegalArgumentException("assemblyLease must be positive");
    }
  }
}
