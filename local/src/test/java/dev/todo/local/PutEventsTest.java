package dev.todo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.aws.AwsClients;
import dev.todo.services.EventBridgeServer;
import dev.todo.services.LocalServices;
import dev.todo.services.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * PutEvents' partial failures on our bus ({@link EventBridgeServer}) and on moto's, against what the EventBridge API
 * reference says: an entry whose detail is not a JSON object fails alone ({@code MalformedDetail}) while the others
 * are taken, and a request whose entries total 256 KB or more is refused whole.
 */
class PutEventsTest {

  private static final String BAD_JSON = "not json";
  private static final String ARRAY = "[1,2]";

  @Test
  void ourBusRefusesWhatEventBridgeRefusesEntryByEntry() {
    try (EventBridgeServer server = EventBridgeServer.start("bus", LocalServices.REGION, "000000000000")) {
      EventBridgeClient bus = client(server.endpoint().toString());
      assertThat(errors(put(bus, "bus", "{\"n\":1}", BAD_JSON, ARRAY, "{\"n\":2}")))
          .containsExactly("", "MalformedDetail", "MalformedDetail", "");
      assertThat(server.accepted()).isEqualTo(2);
      assertThatThrownBy(() -> put(bus, "bus", "{\"n\":\"" + "x".repeat(260 * 1024) + "\"}"))
          .isInstanceOf(EventBridgeException.class).hasMessageContaining("over the limit");
    }
  }

  @Test
  void motosBusTakesAnArrayDetailAndAnEntryOverTheLimit() {
    Assumptions.assumeTrue(MotoServer.unavailable().isEmpty(), () -> "skipped: " + MotoServer.unavailable().orElseThrow());
    EventBridgeClient bus = client(MotoServer.shared().endpoint().toString());
    String name = "bus-" + UUID.randomUUID().toString().substring(0, 8);
    bus.createEventBus(r -> r.name(name));
    // moto 5.2.1 refuses detail that is not JSON, as EventBridge does, but takes a JSON array as detail, which
    // EventBridge refuses (Detail must be "a valid JSON object"), and an entry over 256 KB (README's table says so)
    assertThat(errors(put(bus, name, "{\"n\":1}", BAD_JSON, ARRAY, "{\"n\":2}"))).containsExactly("", "MalformedDetail", "", "");
    assertThat(errors(put(bus, name, "{\"n\":\"" + "x".repeat(260 * 1024) + "\"}"))).containsExactly("");
  }

  private static EventBridgeClient client(String endpoint) {
    return new AwsClients(Map.of("AWS_REGION", LocalServices.REGION, "AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_EVENTBRIDGE", endpoint)).eventBridge();
  }

  private static PutEventsResponse put(EventBridgeClient bus, String busName, String... details) {
    return bus.putEvents(r -> r.entries(java.util.Arrays.stream(details).map(d -> PutEventsRequestEntry.builder()
        .eventBusName(busName).source("TodoService").detailType("todoCreated").detail(d).build()).toList()));
  }

  private static List<String> errors(PutEventsResponse response) {
    return response.entries().stream().map(PutEventsResultEntry::errorCode).map(c -> c == null ? "" : c).toList();
  }
}
