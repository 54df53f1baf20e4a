package dev.todo.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.Notification;
import dev.todo.domain.TodoEvent;

/** The bus's notification rule, as the stack writes it: source {@value TodoEvent#SOURCE}, a detail type people are told of. */
public final class NotificationRule {

  private NotificationRule() {
  }

  public static boolean matches(JsonNode event) {
    String detailType = event.path("detail-type").asText();
    return TodoEvent.SOURCE.equals(event.path("source").asText())
        && Notification.TOLD.stream().anyMatch(t -> t.detailType().equals(detailType));
  }
}
