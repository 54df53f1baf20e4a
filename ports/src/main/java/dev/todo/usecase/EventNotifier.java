package dev.todo.usecase;

import dev.todo.domain.Notification;
import dev.todo.domain.TodoEvent;
import dev.todo.ports.Notifications;
import java.util.Optional;

/** Tells people of the events they want to hear of (see {@link Notification#of}); answers what it sent. */
public final class EventNotifier {

  private final Notifications notifications;

  public EventNotifier(Notifications notifications) {
    this.notifications = notifications;
  }

  public Optional<Notification> notify(TodoEvent event) {
    Optional<Notification> message = Notification.of(event);
    message.ifPresent(notifications::send);
    return message;
  }
}
