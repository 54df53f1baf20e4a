package dev.todo.ports;

/**
 * A message to send or one received: {@code id} is unique within one send or receive; {@code receiveCount} is how
 * often the queue has handed it out (1 for a message to send, or where the queue does not say).
 */
public record QueueMessage(String id, String body, int receiveCount) {

  public QueueMessage(String id, String body) {
    this(id, body, 1);
  }
}
