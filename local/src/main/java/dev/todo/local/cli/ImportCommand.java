package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import FILE}: uploads the file under import/ and follows its import to its end. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Upload FILE under import/ and follow the import to its end.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {
        "0:completed, every row written",
        "2:a bad command line, or no local cloud running",
        "3:completed, some rows rejected (listed in the error report)",
        "4:the import failed (the reason is printed)",
        "5:still running when the wait ended",
        "6:partially failed: some rows are in the dead-letter queue (redrive them)"})
final class ImportCommand extends RunningCloud implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the CSV file")
  Path file;
  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT1H", converter = WaitConverter.class,
      description = "how long to follow the import before exit code 5: 90s, 10m, 2h (default: 1h)")
  Duration wait;
  @Option(names = "--no-wait", description = "upload, print the import's id and exit 0 at once (then: status ID)")
  boolean noWait;

  @Override
  public Integer call() throws Exception {
    ImportFollower follower = follower();
    if (noWait) {
      follower.upload(Arguments.requireFile(file));
      return 0;
    }
    return exitCode(follower.run(Arguments.requireFile(file), wait));
  }

  /** What {@code import} exits with, for a script: see its --help. */
  static int exitCode(JsonNode record) {
    return switch (record.get("status").asText()) {
      case "COMPLETED" -> 0;
      case "COMPLETED_WITH_ERRORS" -> 3;
      case "FAILED" -> 4;
      case "PARTIALLY_FAILED" -> 6;
      default -> 5;
    };
  }
}
