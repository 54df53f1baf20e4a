package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.ObjectRef;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status IMPORT}: an import's record, found by its id, its key or its file name. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "An import's status and counters; for a key or file name, its most recent import.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:the import was found and printed",
        "2:a bad command line, no local cloud running, or no such import"})
final class StatusCommand extends RunningCloud implements Callable<Integer> {
  @Parameters(paramLabel = "IMPORT", description = "an import id, an object key (import/todos.csv) or a file name (todos.csv)")
  String id;

  @Override
  public Integer call() throws Exception {
    JsonNode record = follower().find(id);
    if (record == null) {
      throw new IllegalArgumentException("no import " + id + (id.contains("/") ? "" : " (as an id, or of the key "
          + ObjectRef.IMPORT_PREFIX + Path.of(id).getFileName() + ")"));
    }
    System.out.println(record.toPrettyString());
    return 0;
  }
}
