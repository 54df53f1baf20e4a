package dev.todo.inmemory;

import dev.todo.domain.Notification;
import dev.todo.ports.Notifications;
import java.util.ArrayList;
import java.util.List;

/** An outbox in memory: every notification sent, in order. */
public final class InMemoryNotifications implements Notifications {

  private final List<Notification> sent = new ArrayList<>();

  @Override
  public synchronized void send(Notification notification) {
    sent.add(notification);
  }

  public synchronized List<Notification> sent() {
    return List.copyOf(sent);
  }
}
