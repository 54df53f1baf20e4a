package dev.todo.ports;

import dev.todo.domain.Notification;

/** Where a message for people goes: the seed's SNS topic, whose email subscribers read it. */
public interface Notifications {

  /** Sends the message; throws if it could not, so the platform retries the event that asked for it. */
  void send(Notification notification);
}
