package dev.todo.usecase;

import java.util.List;

/** The queue would not take some messages even after retries; the import must be run again. */
public final class QueueSendException extends RuntimeException {

  public QueueSendException(List<String> failedIds) {
    super(failedIds.size() + " row message(s) could not be queued: " + failedIds);
  }
}
