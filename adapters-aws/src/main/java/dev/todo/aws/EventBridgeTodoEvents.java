package dev.todo.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.TodoEvent;
import dev.todo.ports.TodoEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts events on an EventBridge bus: up to 10 entries per PutEvents call (EventBridge's limit), each with
 * {@code Source} {@value TodoEvent#SOURCE}, the detail type and the detail as JSON; entries the bus refuses
 * (a throttled or failed entry in an otherwise successful call) are sent again with backoff.
 */
public final class EventBridgeTodoEvents implements TodoEvents {

  /** EventBridge's limit of entries per PutEvents call. */
  static final int MAX_ENTRIES = 10;
  private static final Logger LOG = Logger.getLogger(EventBridgeTodoEvents.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBridgeClient eventBridge;
  private final String busName;
  private final Backoff backoff;

  public EventBridgeTodoEvents(EventBridgeClient eventBridge, String busName, Backoff backoff) {
    this.eventBridge = eventBridge;
    this.busName = busName;
    this.backoff = backoff;
  }

  @Override
  public void publish(List<TodoEvent> events) {
    for (int i = 0; i < events.size(); i += MAX_ENTRIES) {
      List<PutEventsRequestEntry> entries = events.subList(i, Math.min(events.size(), i + MAX_ENTRIES)).stream().map(this::entry).toList();
      putAll(entries);
    }
  }

  private void putAll(List<PutEventsRequestEntry> entries) {
    List<PutEventsRequestEntry> pending = entries;
    for (int attempt = 1; ; attempt++) {
      List<PutEventsRequestEntry> sent = pending;
      PutEventsResponse response = eventBridge.putEvents(r -> r.entries(sent));
      if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
        return;
      }
      List<PutEventsRequestEntry> refused = new ArrayList<>();
      String reason = "";
      for (int i = 0; i < sent.size(); i++) {
        PutEventsResultEntry result = response.entries().get(i);
        if (result.errorCode() != null) {
          refused.add(sent.get(i));
          reason = result.errorCode() + ": " + result.errorMessage();
        }
      }
      if (attempt >= backoff.maxAttempts()) {
        throw new PublishException(refused.size() + " of " + entries.size() + " events refused by the bus " + busName
            + " after " + attempt + " attempts, last " + reason);
      }
      String why = reason;
      LOG.warning(() -> refused.size() + " events refused by the bus (" + why + "), sending them again");
      backoff.pause(attempt);
      pending = refused;
    }
  }

  private PutEventsRequestEntry entry(TodoEvent event) {
    try {
      return PutEventsRequestEntry.builder().eventBusName(busName).source(TodoEvent.SOURCE)
          .detailType(event.type().detailType()).detail(JSON.writeValueAsString(event.busDetail())).build();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event " + event.eventId() + " has a detail that is not JSON", e);
    }
  }
}
