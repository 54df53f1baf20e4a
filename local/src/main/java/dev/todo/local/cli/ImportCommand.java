package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  @Parameters(paramLabel = "FILE", description = "the file: CSV, TSV or text with another delimiter, plain, gzip or zstd")
  Path file;
  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT1H", converter = WaitConverter.class,
      description = "how long to follow the import before exit code 5: 90s, 10m, 2h (default: 1h)")
  Duration wait;
  @Option(names = "--no-wait", description = "upload, print the import's id and exit 0 at once (then: status ID)")
  boolean noWait;
  @Option(names = "--format", paramLabel = "csv|tsv|jsonl", description = "how the file is written (default: by its"
      + " extension: .jsonl or .ndjson JSON Lines, .tsv tab-separated, else comma-separated)")
  Optional<String> format = Optional.empty();
  @Option(names = "--delimiter", paramLabel = "C", description = "the one character between fields (tab: 'tab')")
  Optional<String> delimiter = Optional.empty();
  @Option(names = "--header", paramLabel = "NAMES", split = ",", description = "the column names, for a file without a"
      + " header row: --header name,completed,project")
  List<String> header;

  @Override
  public Integer call() throws Exception {
    Map<String, String> options = FileFormat.options(format.orElse(null), delimiter.orElse(null), header);
    try { // a bad option is a bad command line, before anything is uploaded
      FileFormat.of(options, file.toString(), option -> "--" + option);
    } catch (ImportFileException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    ImportFollower follower = follower();
    if (noWait) {
      follower.upload(Arguments.requireFile(file), options);
      return 0;
    }
    return exitCode(follower.run(Arguments.requireFile(file), options, wait));
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
