package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.todo.domain.Notification;
import dev.todo.domain.TodoEvent;
import dev.todo.usecase.EventNotifier;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The target of the bus's notification rule: an event -> a message to the topic's email subscribers, for a todo
 * completed by a person and for an import that ended. A failure throws, and EventBridge tries again.
 */
public final class Notifier implements RequestHandler<ScheduledEvent, Void> {

  private final EventNotifier notifier;
  private final Consumer<String> log;

  public Notifier() {
    this(Default.RUNTIME.eventNotifier(), line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public Notifier(EventNotifier notifier, Consumer<String> log) {
    this.notifier = notifier;
    this.log = log;
  }

  @Override
  public Void handleRequest(ScheduledEvent event, Context context) {
    TodoEvent todoEvent = TodoEvent.fromBus(event.getDetailType(), event.getDetail());
    Optional<Notification> sent = notifier.notify(todoEvent);
    JsonLog.of(context, log).info(sent.isPresent() ? "notification sent" : "nothing to tell",
        Map.of("eventId", todoEvent.eventId(), "detailType", event.getDetailType(), "subject", sent.map(Notification::subject).orElse("")));
    return null;
  }
}
