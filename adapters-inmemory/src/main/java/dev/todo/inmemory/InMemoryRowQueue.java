package dev.todo.inmemory;

import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A queue in memory: what was sent stays until drained; a test can make chosen sends fail. */
public final class InMemoryRowQueue implements RowQueue {

  private final List<QueueMessage> messages = new ArrayList<>();
  private Predicate<QueueMessage> failing = m -> false;
  private long sendCalls;

  @Override
  public synchronized List<String> send(List<QueueMessage> batch) {
    sendCalls++;
    List<String> failed = new ArrayList<>();
    for (QueueMessage m : batch) {
      if (failing.test(m)) {
        failed.add(m.id());
      } else {
        messages.add(m);
      }
    }
    return failed;
  }

  /** Makes every later send of a matching message fail. */
  public synchronized void failWhen(Predicate<QueueMessage> predicate) {
    this.failing = predicate;
  }

  /** Everything sent so far, oldest first. */
  public synchronized List<QueueMessage> messages() {
    return List.copyOf(messages);
  }

  /** Takes every message off the queue, oldest first. */
  public synchronized List<QueueMessage> drain() {
    List<QueueMessage> all = List.copyOf(messages);
    messages.clear();
    return all;
  }

  public synchronized long sendCalls() {
    return sendCalls;
  }

  public synchronized int size() {
    return messages.size();
  }
}
