package dev.todo.ports;

import java.util.List;

/** The buffer between reading a file and writing its rows: packed row messages go in here. */
public interface RowQueue {

  /**
   * Sends the messages, any number of them (an adapter groups them into the calls its service allows).
   * An adapter retries what it can; what still could not be sent is returned by message id, never dropped.
   */
  List<String> send(List<QueueMessage> messages);
}
