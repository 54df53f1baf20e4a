package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.aws.AwsClients;
import dev.todo.domain.ObjectRef;
import dev.todo.local.DeadLetters;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The local cloud's command line: {@code up} starts it (and can import files as it comes up); {@code import},
 * {@code status}, {@code list} and {@code redrive} talk to one that is running; {@code self-test} checks a machine.
 */
@Command(name = "todo-local", mixinStandardHelpOptions = true, version = "todo-local 0.1.0",
    description = "The todo service on this machine: S3, SQS and DynamoDB stand-ins, the real handlers, no Docker, no account.",
    subcommands = {Up.class, Cli.ImportFile.class, Cli.Status.class, Cli.ListTodos.class, Cli.Redrive.class,
        Cli.Events.class, Cli.SelfTest.class})
public final class Cli {

  private static final PrintStream OUT = System.out;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && FastStart.COMMANDS.contains(args[0])) {
      Optional<Path> archive = FastStart.archive();
      if (archive.isPresent()) {
        System.exit(FastStart.relaunch(archive.get(), args));
      }
      FastStart.exitWithParent();
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling: a user's mistake is one line and exit code 2. */
  static CommandLine commandLine() {
    return new CommandLine(new Cli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
  }

  /** Which running cloud a command talks to: the one with this data directory, or with this REST API port. */
  static class DataDir {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory 'up' was given, if any")
    Optional<Path> dir = Optional.empty();
    @Option(names = "--api-port", defaultValue = "" + Options.API_PORT,
        description = "the REST API port 'up' was given, when it had no data directory (default: ${DEFAULT-VALUE})")
    int apiPort;

    Map<String, String> state() {
      return StateFile.read(StateFile.location(dir, apiPort));
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Upload FILE under import/ and follow the import to its end.",
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {
          "0:completed, every row written",
          "2:a bad command line, or no local cloud running",
          "3:completed, some rows rejected (listed in the error report)",
          "4:the import failed (the reason is printed)",
          "5:still running when the wait ended",
          "6:partially failed: some rows are in the dead-letter queue (redrive them)"})
  static final class ImportFile extends DataDir implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the CSV file")
    Path file;
    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT1H", converter = WaitConverter.class,
        description = "how long to follow the import before exit code 5: 90s, 10m, 2h (default: 1h)")
    Duration wait;
    @Option(names = "--no-wait", description = "upload, print the import's id and exit 0 at once (then: status ID)")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
      ImportFollower follower = follower(state());
      if (noWait) {
        follower.upload(requireFile(file));
        return 0;
      }
      return exitCode(follower.run(requireFile(file), wait));
    }
  }

  /** A duration as a person writes it: 90s, 10m, 2h (or ISO-8601, PT10M). */
  static final class WaitConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smh])").matcher(value.trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 10m or 2h");
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "An import's status and counters; for a key or file name, its most recent import.",
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:the import was found and printed",
          "2:a bad command line, no local cloud running, or no such import"})
  static final class Status extends DataDir implements Callable<Integer> {
    @Parameters(paramLabel = "IMPORT", description = "an import id, an object key (import/todos.csv) or a file name (todos.csv)")
    String id;

    @Override
    public Integer call() throws Exception {
      JsonNode record = follower(state()).find(id);
      if (record == null) {
        throw new IllegalArgumentException("no import " + id + (id.contains("/") ? "" : " (as an id, or of the key "
            + ObjectRef.IMPORT_PREFIX + Path.of(id).getFileName() + ")"));
      }
      OUT.println(record.toPrettyString());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The todos in the table (the first 100).",
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:listed", "2:a bad command line, or no local cloud running"})
  static final class ListTodos extends DataDir implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(state().get("api") + "/todo?limit=100")).build(), HttpResponse.BodyHandlers.ofString());
      for (JsonNode t : new ObjectMapper().readTree(response.body()).get("items")) {
        OUT.printf("%-36s  %-5s  %s%n", t.get("todoId").asText(), t.get("completed").asBoolean() ? "done" : "open",
            t.get("name").asText().replace('\n', ' '));
      }
      return 0;
    }
  }

  @Command(name = "redrive", mixinStandardHelpOptions = true,
      description = "Move the dead-letter queue's messages back to the import queue.",
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:every message in the dead-letter queue was moved (it says how"
          + " many are still in flight in the import queue: those on their last try come to the dead-letter queue when"
          + " their visibility timeout ends)", "2:a bad command line, or no local cloud running"})
  static final class Redrive extends DataDir implements Callable<Integer> {
    @Override
    public Integer call() {
      Map<String, String> state = state();
      SqsClient sqs = new AwsClients(endpoints(state)).sqs();
      int moved = DeadLetters.moveAll(sqs, state.get("deadLetterQueue"), state.get("queue"));
      OUT.println("moved " + moved + " message(s) from the dead-letter queue back to the import queue");
      String inFlight = sqs.getQueueAttributes(r -> r.queueUrl(state.get("queue"))
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
          .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
      if (!inFlight.equals("0")) {
        OUT.println(inFlight + " message(s) are in flight in the import queue: any on its last try comes to the dead-letter"
            + " queue when its visibility timeout ends; run redrive again then if the import still counts failed rows");
      }
      return 0;
    }
  }

  @Command(name = "events", mixinStandardHelpOptions = true,
      description = "The latest events on the bus (newest last) and the messages in the outbox.",
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:printed", "2:a bad command line, or no local cloud running"})
  static final class Events extends DataDir implements Callable<Integer> {
    @Option(names = "--limit", defaultValue = "20", description = "how many events (default: ${DEFAULT-VALUE}, at most 500)")
    int limit;

    @Override
    public Integer call() throws Exception {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(state().get("api") + "/_local/events?limit=" + limit)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = new ObjectMapper().readTree(response.body());
      List<JsonNode> events = new java.util.ArrayList<>();
      answer.get("events").forEach(events::add);
      java.util.Collections.reverse(events);
      for (JsonNode e : events) {
        JsonNode d = e.get("detail");
        String about = d.has("todoId") ? d.get("todoId").asText() + "  " + d.path("name").asText().replace('\n', ' ')
            : d.path("key").asText() + "  " + d.path("status").asText();
        OUT.printf("%s  %-15s  %s%s%n", e.get("time").asText(), e.get("detail-type").asText(), about,
            d.has("importId") && d.has("todoId") ? "  (import " + d.get("importId").asText() + ")" : "");
      }
      OUT.println(answer.get("published").asLong() + " event(s) on the bus in all; outbox " + answer.get("outbox").asText()
          + " holds " + answer.get("mails").size() + " message(s)" + (answer.get("mails").isEmpty() ? "" : ":"));
      answer.get("mails").forEach(m -> OUT.println("  " + m.get("file").asText() + "  " + m.get("subject").asText()));
      return 0;
    }
  }

  @Command(name = "self-test", mixinStandardHelpOptions = true,
      description = "Start a local cloud on free ports, import a small file through it, check the result, stop.",
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:passed", "2:failed (the reason is printed)"})
  static final class SelfTest implements Callable<Integer> {
    /** The whole service once through: also the run the build records the class-data archive from (FastStart). */
    @Override
    public Integer call() throws Exception {
      Path dir = Files.createTempDirectory("todo-self-test");
      Path file = dir.resolve("self-test.csv");
      StringBuilder csv = new StringBuilder("name,completed\n");
      for (int i = 1; i <= 200; i++) {
        csv.append("self-test todo ").append(i).append(',').append(i % 2 == 0).append('\n');
      }
      csv.append(",true\n"); // no name: rejected
      Files.writeString(file, csv);
      try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts(), line -> { })) {
        JsonNode record = new ImportFollower(cloud::s3, cloud.bucket(), cloud.apiEndpoint(), Terminal.standardOutput())
            .run(file, Duration.ofMinutes(2));
        if (!record.get("status").asText().equals("COMPLETED_WITH_ERRORS") || record.get("rowsWritten").asLong() != 200) {
          throw new IllegalStateException("self-test failed: " + record);
        }
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
      OUT.println("self-test passed: 200 rows written, 1 rejected");
      return 0;
    }
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

  private static ImportFollower follower(Map<String, String> state) {
    return new ImportFollower(() -> new AwsClients(endpoints(state)).s3(), state.get("bucket"), URI.create(state.get("api")),
        Terminal.standardOutput());
  }

  private static AwsClients.Endpoints endpoints(Map<String, String> state) {
    return new AwsClients.Endpoints(URI.create(state.get("s3")), URI.create(state.get("sqs")),
        URI.create(state.get("dynamodb")), state.get("region"), state.get("accessKey"), state.get("secretKey"));
  }

  static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    return file;
  }
}
