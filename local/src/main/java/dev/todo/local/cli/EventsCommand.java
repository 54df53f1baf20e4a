package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code events}: the latest events on the local bus and the mails in the outbox. */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "The latest events on the bus (newest last) and the messages in the outbox.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:printed", "2:a bad command line, or no local cloud running"})
final class EventsCommand extends RunningCloud implements Callable<Integer> {
  @Option(names = "--limit", defaultValue = "20", description = "how many events (default: ${DEFAULT-VALUE}, at most 500)")
  int limit;

  @Override
  public Integer call() throws Exception {
    LoopbackHttp.Answer response = LoopbackHttp.get(URI.create(state().get("api") + "/_local/events?limit=" + limit));
    JsonNode answer = new ObjectMapper().readTree(response.body());
    List<JsonNode> events = new java.util.ArrayList<>();
    answer.get("events").forEach(events::add);
    java.util.Collections.reverse(events);
    events.forEach(e -> System.out.println(line(e)));
    System.out.println(answer.get("published").asLong() + " event(s) on the bus in all; outbox " + answer.get("outbox").asText()
        + " holds " + answer.get("mails").size() + " message(s)" + (answer.get("mails").isEmpty() ? "" : ":"));
    answer.get("mails").forEach(m -> System.out.println("  " + m.get("file").asText() + "  " + m.get("subject").asText()));
    return 0;
  }

  /** One event as a line: its time, type and what it is about, todo ids padded as {@code list} pads them. */
  static String line(JsonNode event) {
    JsonNode d = event.get("detail");
    String about = d.has("todoId") ? String.format("%-36s  ", d.get("todoId").asText()) + d.path("name").asText().replace('\n', ' ')
        : d.path("key").asText() + "  " + d.path("status").asText();
    return String.format("%s  %-15s  %s%s", event.get("time").asText(), event.get("detail-type").asText(), about,
        d.has("importId") && d.has("todoId") ? "  (import " + d.get("importId").asText() + ")" : "");
  }
}
