package dev.todo.usecase;

import dev.todo.domain.MessagePacker;

/**
 * How the import packs and sends: message size in bytes (SQS allows 256 KiB everywhere, 1 MiB at most) and
 * how many messages go to the queue port per call (it groups them into batches of 10).
 */
public record ImportSettings(int maxMessageBytes, int messagesPerSend) {

  public static final ImportSettings DEFAULTS = new ImportSettings(MessagePacker.DEFAULT_MAX_BYTES, 40);

  public ImportSettings {
    if (maxMessageBytes < 1024 || maxMessageBytes > MessagePacker.LIMIT_MAX_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes must be between 1024 and " + MessagePacker.LIMIT_MAX_BYTES);
    }
    if (messagesPerSend < 1) {
      throw new IllegalArgumentException("messagesPerSend must be at least 1");
    }
  }
}
