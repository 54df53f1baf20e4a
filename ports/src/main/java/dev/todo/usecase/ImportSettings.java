package dev.todo.usecase;

import dev.todo.domain.MessagePacker;

/**
 * How the import packs and sends: message size in bytes (SQS allows 256 KiB everywhere, 1 MiB at most), how many
 * messages go to the queue port per call (it groups them into batches of 10), and the most rows a message holds (0:
 * as many as its bytes take), which a paced writer needs so that a batch of messages fits in its timeout.
 */
public record ImportSettings(int maxMessageBytes, int messagesPerSend, int maxRowsPerMessage) {

  public static final ImportSettings DEFAULTS = new ImportSettings(MessagePacker.DEFAULT_MAX_BYTES, 40, 0);

  public ImportSettings {
    if (maxMessageBytes < 1024 || maxMessageBytes > MessagePacker.LIMIT_MAX_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes must be between 1024 and " + MessagePacker.LIMIT_MAX_BYTES);
    }
    if (messagesPerSend < 1) {
      throw new IllegalArgumentException("messagesPerSend must be at least 1");
    }
    if (maxRowsPerMessage < 0) {
      throw new IllegalArgumentException("maxRowsPerMessage must be 0 (no limit) or more");
    }
  }

  /** Messages limited by their bytes only. */
  public ImportSettings(int maxMessageBytes, int messagesPerSend) {
    this(maxMessageBytes, messagesPerSend, 0);
  }

  /** Whether a message that holds {@code rows} rows is full, whatever its bytes. */
  boolean fullAt(int rows) {
    return maxRowsPerMessage > 0 && rows >= maxRowsPerMessage;
  }
}
