package dev.todo.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.aws.AwsClients;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local cloud's command line: {@code up} starts it (and can import files as it comes up); {@code import},
 * {@code status}, {@code list} and {@code redrive} talk to one that is running.
 */
public final class Cli {

  private static final String USAGE = String.join("\n",
      "usage: java -jar todo-local.jar COMMAND [OPTIONS]",
      "  up [--import FILE]... [--data-dir DIR] [--api-port N] [--s3-port N] [--sqs-port N] [--dynamodb-port N]",
      "     [--max-concurrency N] [--batch-size N] [--writes-per-second N] [--max-receive-count N]",
      "                       start the local cloud and keep it running (Ctrl-C stops it)",
      "  import FILE          upload FILE under import/ and follow the import to its end",
      "  status IMPORT_ID     an import's status and counters",
      "  list                 the todos in the table (first 100)",
      "  redrive              move the dead-letter queue's messages back to the import queue",
      "  self-test            start a local cloud on free ports, import a small file through it, check, stop",
      "  (import, status, list and redrive take --data-dir DIR when 'up' was given one)");

  private Cli() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(USAGE);
      return;
    }
    try {
      if (args[0].equals("up")) {
        Optional<Path> archive = FastStart.archive();
        if (archive.isPresent()) {
          System.exit(FastStart.relaunch(archive.get(), args));
        }
        FastStart.exitWithParent();
      }
      run(args[0], Arrays.asList(args).subList(1, args.length), System.out);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    } catch (Exception | Error e) {
      // a server's threads must not keep a failed command alive
      e.printStackTrace();
      System.exit(1);
    }
  }

  static void run(String command, List<String> args, PrintStream out) throws Exception {
    Map<String, List<String>> flags = flags(args);
    Optional<Path> dataDir = one(flags, "--data-dir").map(Path::of);
    switch (command) {
      case "up" -> up(flags, dataDir, out);
      case "import" -> {
        Map<String, String> state = StateFile.read(StateFile.location(dataDir));
        Path file = Path.of(positional(flags, "FILE"));
        new ImportCommand(s3(state), state.get("bucket"), URI.create(state.get("api")), out).run(requireFile(file), Duration.ofHours(1));
      }
      case "status" -> {
        Map<String, String> state = StateFile.read(StateFile.location(dataDir));
        String id = positional(flags, "IMPORT_ID");
        JsonNode record = new ImportCommand(s3(state), state.get("bucket"), URI.create(state.get("api")), out).status(id);
        if (record == null) {
          throw new IllegalArgumentException("no import " + id);
        }
        out.println(record.toPrettyString());
      }
      case "list" -> {
        Map<String, String> state = StateFile.read(StateFile.location(dataDir));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(state.get("api") + "/todo?limit=100")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode t : new ObjectMapper().readTree(response.body()).get("items")) {
          out.printf("%-36s  %-5s  %s%n", t.get("todoId").asText(), t.get("completed").asBoolean() ? "done" : "open",
              t.get("name").asText().replace('\n', ' '));
        }
      }
      case "redrive" -> {
        Map<String, String> state = StateFile.read(StateFile.location(dataDir));
        int moved = LocalCloud.moveAll(new AwsClients(endpoints(state)).sqs(), state.get("deadLetterQueue"), state.get("queue"));
        out.println("moved " + moved + " message(s) from the dead-letter queue back to the import queue");
      }
      case "self-test" -> {
        selfTest(out);
        System.exit(0); // the servers' threads would keep the JVM alive
      }
      default -> throw new IllegalArgumentException("unknown command '" + command + "'\n" + USAGE);
    }
  }

  private static void up(Map<String, List<String>> flags, Optional<Path> dataDir, PrintStream out) throws Exception {
    Options options = Options.defaults();
    dataDir.ifPresent(options::dataDir);
    one(flags, "--api-port").map(Integer::parseInt).ifPresent(options::apiPort);
    one(flags, "--s3-port").map(Integer::parseInt).ifPresent(options::s3Port);
    one(flags, "--sqs-port").map(Integer::parseInt).ifPresent(options::sqsPort);
    one(flags, "--dynamodb-port").map(Integer::parseInt).ifPresent(options::dynamoDbPort);
    one(flags, "--max-concurrency").map(Integer::parseInt).ifPresent(options::maxConcurrency);
    one(flags, "--batch-size").map(Integer::parseInt).ifPresent(options::batchSize);
    one(flags, "--writes-per-second").map(Double::parseDouble).ifPresent(options::writesPerSecond);
    one(flags, "--max-receive-count").map(Integer::parseInt).ifPresent(options::maxReceiveCount);
    List<Path> imports = flags.getOrDefault("--import", List.of()).stream().map(Path::of).map(Cli::requireFile).toList();

    long started = System.nanoTime();
    LocalCloud cloud = LocalCloud.start(options, System.err::println);
    Path state = StateFile.location(dataDir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cloud.close();
      try {
        Files.deleteIfExists(state);
      } catch (java.io.IOException ignored) {
        // best effort
      }
    }, "local-cloud-stop"));
    AwsClients.Endpoints e = cloud.endpoints();
    StateFile.write(state, Map.of("api", cloud.apiEndpoint().toString(), "s3", e.s3().toString(),
        "sqs", e.sqs().toString(), "dynamodb", e.dynamoDb().toString(), "region", e.region(), "accessKey", e.accessKey(),
        "secretKey", e.secretKey(), "bucket", cloud.bucket(), "queue", cloud.queueUrl(), "deadLetterQueue", cloud.deadLetterQueueUrl()));
    out.printf("Started in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    cloud.banner().forEach(out::println);
    for (Path file : imports) {
      out.println();
      new ImportCommand(cloud.s3(), cloud.bucket(), cloud.apiEndpoint(), out).run(file, Duration.ofHours(1));
    }
    out.println();
    out.println("Running. Ctrl-C stops it" + (options.dataDir.isPresent() ? "; state stays in " + options.dataDir.get() : "; state is temporary") + ".");
    new CountDownLatch(1).await();
  }

  /** The whole service once through: also the run the build records the class-data archive from (FastStart). */
  private static void selfTest(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("todo-self-test");
    Path file = dir.resolve("self-test.csv");
    StringBuilder csv = new StringBuilder("name,completed\n");
    for (int i = 1; i <= 200; i++) {
      csv.append("self-test todo ").append(i).append(',').append(i % 2 == 0).append('\n');
    }
    csv.append(",true\n"); // no name: rejected
    Files.writeString(file, csv);
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts(), line -> { })) {
      JsonNode record = new ImportCommand(cloud.s3(), cloud.bucket(), cloud.apiEndpoint(), out).run(file, Duration.ofMinutes(2));
      if (!record.get("status").asText().equals("COMPLETED_WITH_ERRORS") || record.get("rowsWritten").asLong() != 200) {
        throw new IllegalStateException("self-test failed: " + record);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
    out.println("self-test passed: 200 rows written, 1 rejected");
  }

  private static S3Client s3(Map<String, String> state) {
    return new AwsClients(endpoints(state)).s3();
  }

  private static AwsClients.Endpoints endpoints(Map<String, String> state) {
    return new AwsClients.Endpoints(URI.create(state.get("s3")), URI.create(state.get("sqs")),
        URI.create(state.get("dynamodb")), state.get("region"), state.get("accessKey"), state.get("secretKey"));
  }

  private static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    return file;
  }

  /** Flags with values ({@code --name value}, repeatable); other words go under "" in order. */
  static Map<String, List<String>> flags(List<String> args) {
    Map<String, List<String>> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        flags.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
      } else {
        flags.computeIfAbsent("", k -> new ArrayList<>()).add(a);
      }
    }
    return flags;
  }

  private static Optional<String> one(Map<String, List<String>> flags, String name) {
    List<String> values = flags.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  private static String positional(Map<String, List<String>> flags, String what) {
    List<String> words = flags.getOrDefault("", List.of());
    if (words.size() != 1) {
      throw new IllegalArgumentException("expected one " + what + "\n" + USAGE);
    }
    return words.get(0);
  }
}
