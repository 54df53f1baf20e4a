package dev.todo.inmemory;

import dev.todo.domain.Notification;
import dev.todo.ports.Notifications;
import dev.todo.ports.contract.NotificationsContract;
import java.util.List;

class InMemoryNotificationsTest extends NotificationsContract {

  private final InMemoryNotifications outbox = new InMemoryNotifications();

  @Override
  protected Notifications notifications() {
    return outbox;
  }

  @Override
  protected List<Notification> delivered() {
    return outbox.sent();
  }
}
