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
 * {@code Source} {@value TodoEvent#SOURCE}, the detail type and the detail as JSON; the entries the bus refused
 * (a throttled or failed entry in an otherwise successful call) are sent again together, after a pause. An entry
 * refused for what it is (a malformed detail, a missing bus) would be refused again: it is not sent again, and the
 * call fails at once, so that the stream's retries and on-failure destination deal with it.
 */
public final class EventBridgeTodoEvents implements TodoEvents {

  /** EventBridge's limit of entries per PutEvents call. */
  static final int MAX_ENTRIES = 10;
  private static final Logger LOG = Logger.getLogger(EventBridgeTodoEvents.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Short pauses: a refused entry is a partial failure of a call that went through, not a bus that is down. */
  public static final Backoff BACKOFF = new Backoff(java.time.Duration.ofMillis(20), java.time.Duration.ofSeconds(1), 10);

  /** The refusals that sending the entry again can cure: the bus was busy, or failed inside. */
  private static final java.util.Set<String> TRANSIENT = java.util.Set.of("InternalFailure", "ThrottlingException");

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
    List<TodoEvent> pending = events;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<TodoEvent> refused = new ArrayList<>();
      String reason = "";
      boolean permanent = false;
      for (int i = 0; i < pending.size(); i += MAX_ENTRIES) {
        List<TodoEvent> call = pending.subList(i, Math.min(pending.size(), i + MAX_ENTRIES));
        PutEventsResponse response = eventBridge.putEvents(r -> r.entries(call.stream().map(this::entry).toList()));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
          for (int e = 0; e < call.size(); e++) {
            PutEventsResultEntry result = response.entries().get(e);
            if (result.errorCode() != null) {
              refused.add(call.get(e));
              reason = result.errorCode() + ": " + result.errorMessage();
              permanent |= !TRANSIENT.contains(result.errorCode());
            }
          }
        }
      }
      if (refused.isEmpty()) {
        return;
      }
      if (permanent || attempt >= backoff.maxAttempts()) {
        throw new PublishException(refused.size() + " of " + events.size() + " events refused by the bus " + busName
            + " after " + attempt + " attempts, last " + reason, refused.stream().map(TodoEvent::eventId).toList());
      }
      String why = reason;
      int count = refused.size();
      LOG.warning(() -> count + " events refused by the bus (" + why + "), sending them again");
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
