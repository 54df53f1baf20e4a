package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.domain.ExportFormat;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: starts an export through the REST API, follows it to its end and downloads its file. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export the todos (all, or those the filters match) as one CSV, TSV or JSON Lines file that 'import'"
        + " reads back, and download it.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {
        "0:completed, the file downloaded",
        "2:a bad command line, or no local cloud running",
        "4:the export failed (the reason is printed)",
        "5:still running when the wait ended"})
final class ExportCommand extends RunningCloud implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--completed", arity = "1", paramLabel = "true|false", description = "only the completed todos, or only the open ones")
  Optional<Boolean> completed = Optional.empty();
  @Option(names = "--import-id", paramLabel = "ID", description = "only the todos the import ID wrote last")
  Optional<String> importId = Optional.empty();
  @Option(names = "--format", paramLabel = "csv|tsv|jsonl", defaultValue = "csv", description = "the file's format"
      + " (default: ${DEFAULT-VALUE})")
  String format;
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the file (default: the export's"
      + " own name, export-<id>.csv, in this directory)")
  Optional<Path> output = Optional.empty();
  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT1H", converter = WaitConverter.class,
      description = "how long to follow the export before exit code 5: 90s, 10m, 2h (default: 1h)")
  Duration wait;

  @Override
  public Integer call() throws Exception {
    try { // a bad format is a bad command line, before anything starts
      ExportFormat.named(format);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format is '" + format + "': use csv, tsv or jsonl");
    }
    URI api = URI.create(state().get("api"));
    ObjectNode request = JSON.createObjectNode().put("format", format);
    completed.ifPresent(c -> request.put("completed", c));
    importId.ifPresent(i -> request.put("importId", i));
    JsonNode record = send(() -> LoopbackHttp.send("POST", api.resolve("/exports"), request.toString()), api);
    String id = record.get("exportId").asText();
    Terminal out = Terminal.standardOutput();
    out.line("Export " + id + " started: " + record.get("segments").asInt() + " segments read side by side");
    long deadline = System.nanoTime() + wait.toNanos();
    while (record.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline) {
      out.bar(progress(record), "RUNNING");
      Thread.sleep(200);
      record = send(() -> LoopbackHttp.get(api.resolve("/exports/" + id)), api);
    }
    out.endBar();
    out.line("Export " + id + ": " + record.get("status").asText() + ", " + record.get("rowsExported").asLong() + " rows, "
        + record.get("bytes").asLong() + " bytes");
    switch (record.get("status").asText()) {
      case "COMPLETED" -> {
        Path file = output.orElse(Path.of("export-" + id + ExportFormat.named(format).extension()));
        download(URI.create(record.get("downloadUrl").asText()), file);
        out.line("  written to " + file.toAbsolutePath() + " (s3 key " + record.get("key").asText() + ")");
        return 0;
      }
      case "FAILED" -> {
        out.line(Terminal.shorten("  failure: " + record.path("failure").asText()));
        return 4;
      }
      default -> {
        out.line("  still running after " + wait.toSeconds() + " s; follow it with GET /exports/" + id);
        return 5;
      }
    }
  }

  static String progress(JsonNode r) {
    int segments = r.get("segments").asInt();
    int done = r.get("segmentsDone").asInt();
    int width = 30;
    int filled = segments == 0 ? 0 : width * done / segments;
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] segments " + done + "/" + segments + "  rows "
        + r.get("rowsExported").asLong() + "   ";
  }

  /** A call to the local cloud's API. */
  private interface Call {
    LoopbackHttp.Answer make() throws IOException;
  }

  private JsonNode send(Call call, URI api) throws IOException {
    LoopbackHttp.Answer response;
    try {
      response = call.make();
    } catch (ConnectException e) {
      throw new IllegalStateException("no local cloud answers at " + api + ": is 'up' still running?");
    }
    JsonNode body = JSON.readTree(response.body());
    if (response.status() == 400) {
      throw new IllegalArgumentException(body.path("message").asText());
    }
    if (response.status() / 100 != 2) {
      throw new IllegalStateException("the local cloud answered " + response.status() + ": " + body.path("message").asText());
    }
    return body;
  }

  /** Streams the file to a temporary name beside {@code file}, then moves it into place: never half a file under its name. */
  private void download(URI link, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      int status = LoopbackHttp.download(link, partial);
      if (status != 200) {
        throw new IllegalStateException("the download of the export answered HTTP " + status);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
