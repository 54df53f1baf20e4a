package dev.todo.inmemory;

import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import dev.todo.ports.contract.RowQueueContract;
import java.util.List;

class InMemoryRowQueueTest extends RowQueueContract {

  private final InMemoryRowQueue queue = new InMemoryRowQueue();

  @Override
  protected RowQueue queue() {
    return queue;
  }

  @Override
  protected List<String> receiveAll() {
    return queue.drain().stream().map(QueueMessage::body).toList();
  }
}
