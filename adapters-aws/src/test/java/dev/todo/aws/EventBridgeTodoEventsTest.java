package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.TodoEvent;
import dev.todo.ports.TodoEvents;
import dev.todo.ports.contract.TodoEventsContract;
import dev.todo.services.EventBridgeServer;
import dev.todo.services.LocalServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The EventBridge adapter against the local bus, which speaks PutEvents with EventBridge's limits and failures. */
class EventBridgeTodoEventsTest extends TodoEventsContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventBridgeServer bus = EventBridgeServer.start("todo-events", LocalServices.REGION, Provisioning.LOCAL_ACCOUNT);
  private final List<JsonNode> delivered = new ArrayList<>();
  private final EventBridgeClient client = new AwsClients(Map.of("AWS_REGION", LocalServices.REGION,
      "AWS_ACCESS_KEY_ID", LocalServices.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY,
      "AWS_ENDPOINT_URL_EVENTBRIDGE", bus.endpoint().toString())).eventBridge();
  private final EventBridgeTodoEvents events = new EventBridgeTodoEvents(client, "todo-events",
      new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 8));

  EventBridgeTodoEventsTest() {
    bus.onEvent(event -> {
      synchronized (delivered) {
        delivered.add(event);
      }
    });
  }

  @AfterEach
  void stop() {
    bus.close();
  }

  @Override
  protected TodoEvents events() {
    return events;
  }

  @Override
  protected List<TodoEvent> received() throws Exception {
    List<TodoEvent> received = new ArrayList<>();
    synchronized (delivered) {
      for (JsonNode event : delivered) {
        assertThat(event.get("source").asText()).isEqualTo("TodoService");
        received.add(fromEnvelope(event));
      }
    }
    return received;
  }

  /** The event an EventBridge envelope carries, read back as the bus's consumers read it. */
  @SuppressWarnings("unchecked")
  static TodoEvent fromEnvelope(JsonNode event) {
    return TodoEvent.fromBus(event.get("detail-type").asText(), JSON.convertValue(event.get("detail"), HashMap.class));
  }

  @Test
  void theEnvelopeIsEventBridgesWithOurSourceTypeAccountAndRegion() throws Exception {
    events.publish(List.of(new TodoEvent("e1", TodoEvent.Type.TODO_CREATED, Map.of("todoId", "t1"))));
    JsonNode event;
    synchronized (delivered) {
      event = delivered.get(0);
    }
    assertThat(event.get("source").asText()).isEqualTo("TodoService");
    assertThat(event.get("detail-type").asText()).isEqualTo("todoCreated");
    assertThat(event.get("account").asText()).isEqualTo(Provisioning.LOCAL_ACCOUNT); // moto's leaves it out
    assertThat(event.get("region").asText()).isEqualTo(LocalServices.REGION);
    assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(event.has("id")).isTrue();
  }

  @Test
  void everyEventArrivesWhenTheBusRefusesHalfTheEntries() throws Exception {
    bus.refuseEntries(0.5);
    List<TodoEvent> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(new TodoEvent("e" + i, TodoEvent.Type.TODO_CREATED, Map.of("todoId", "t" + i)));
    }
    events.publish(many);
    Set<String> ids = received().stream().map(TodoEvent::eventId).collect(Collectors.toSet());
    assertThat(ids).hasSize(100);
    assertThat(received()).hasSize(100); // a refused entry is not on the bus, so sending it again makes no duplicate
  }

  @Test
  void aBusThatRefusesEverythingEndsInAnExceptionThatSaysWhy() {
    bus.refuseEntries(1.0);
    assertThatThrownBy(() -> events.publish(List.of(new TodoEvent("e", TodoEvent.Type.TODO_DELETED, Map.of()))))
        .isInstanceOf(TodoEvents.PublishException.class).hasMessageContaining("InternalFailure").hasMessageContaining("8 attempts")
        .satisfies(e -> assertThat(((TodoEvents.PublishException) e).unpublished()).containsExactly("e"));
  }

  @Test
  void anEntryRefusedForWhatItIsIsNotSentAgainAndTheCallSaysWhich() {
    bus.refuseDetails(detail -> detail.path("todoId").asText().equals("bad"));
    List<TodoEvent> two = List.of(new TodoEvent("e1", TodoEvent.Type.TODO_CREATED, Map.of("todoId", "bad")),
        new TodoEvent("e2", TodoEvent.Type.TODO_CREATED, Map.of("todoId", "good")));

    assertThatThrownBy(() -> events.publish(two)).isInstanceOf(TodoEvents.PublishException.class)
        .hasMessageContaining("MalformedDetail").hasMessageContaining("after 1 attempts")
        .satisfies(e -> assertThat(((TodoEvents.PublishException) e).unpublished()).containsExactly("e1"));
    assertThat(bus.accepted()).isEqualTo(1);
  }
}
