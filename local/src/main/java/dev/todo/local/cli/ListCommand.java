package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code list}: the first 100 todos of the running cloud. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "The todos in the table (the first 100).",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:listed", "2:a bad command line, or no local cloud running"})
final class ListCommand extends RunningCloud implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    LoopbackHttp.Answer response = LoopbackHttp.get(URI.create(state().get("api") + "/todo?limit=100"));
    for (JsonNode t : new ObjectMapper().readTree(response.body()).get("items")) {
      System.out.printf("%-36s  %-5s  %s%n", t.get("todoId").asText(), t.get("completed").asBoolean() ? "done" : "open",
          t.get("name").asText().replace('\n', ' '));
    }
    return 0;
  }
}
