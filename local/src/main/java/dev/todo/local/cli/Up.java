package dev.todo.local.cli;

import dev.todo.aws.AwsClients;
import dev.todo.aws.StackLayout;
import dev.todo.aws.handler.JsonLog;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code up}: starts the local cloud, writes its state file, prints the banner and runs until stopped. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the local cloud and keep it running (Ctrl-C stops it).",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"130:stopped with Ctrl-C (143 with a TERM signal: 128 + the signal, as a shell reports it)",
        "2:a bad command line, a port in use, or a data directory another cloud holds"})
final class Up implements Callable<Integer> {

  @Option(names = "--import", paramLabel = "FILE", description = "a CSV file to import once the cloud is up (repeatable)")
  List<Path> imports = new ArrayList<>();
  @Option(names = "--data-dir", paramLabel = "DIR", description = "keep tables, bucket and queues here across restarts")
  Optional<Path> dataDir = Optional.empty();
  @Option(names = "--api-port", defaultValue = "" + Options.API_PORT, description = "REST API port (default: ${DEFAULT-VALUE})")
  int apiPort;
  @Option(names = "--s3-port", defaultValue = "" + Options.S3_PORT, description = "S3 port, 0 for any (default: ${DEFAULT-VALUE})")
  int s3Port;
  @Option(names = "--sqs-port", defaultValue = "" + Options.SQS_PORT, description = "SQS port, 0 for any (default: ${DEFAULT-VALUE})")
  int sqsPort;
  @Option(names = "--dynamodb-port", defaultValue = "" + Options.DYNAMODB_PORT, description = "DynamoDB port, 0 for any (default: ${DEFAULT-VALUE})")
  int dynamoDbPort;
  @Option(names = "--max-concurrency", defaultValue = "" + Options.MAX_CONCURRENCY, description = "writer invocations at once (default: ${DEFAULT-VALUE})")
  int maxConcurrency;
  @Option(names = "--batch-size", defaultValue = "" + Options.BATCH_SIZE, description = "messages per writer invocation (default: ${DEFAULT-VALUE})")
  int batchSize;
  @Option(names = "--writes-per-second", description = "pace each writer instance to this many writes per second")
  Optional<Double> writesPerSecond = Optional.empty();
  @Option(names = "--max-receive-count", defaultValue = "" + StackLayout.MAX_RECEIVE_COUNT, description = "receives before the dead-letter queue (default: ${DEFAULT-VALUE})")
  int maxReceiveCount;
  @Option(names = "--visibility-timeout", paramLabel = "DURATION", defaultValue = Options.VISIBILITY_SECONDS + "s",
      converter = WaitConverter.class, description = "how long a row message a writer took stays hidden before the"
      + " queue hands it out again, as after a crash (default: ${DEFAULT-VALUE}; the stack sets six times the writer's timeout)")
  Duration visibilityTimeout;
  @Option(names = "--single-writer", description = "one writer at a time, rows in the file's order: a FIFO import queue"
      + " with one message group, as the stack's writeConcurrency=1")
  boolean singleWriter;
  @Option(names = "--verbose", description = "every function's JSON log line on the terminal too, not only in the log file")
  boolean verbose;
  @Option(names = "--no-events", description = "no todo events and no mails: the import alone, as fast as the local "
      + "servers go (recording the table's stream locally reads every item a write touches)")
  boolean noEvents;

  @Override
  public Integer call() throws Exception {
    imports.forEach(Arguments::requireFile);
    if (visibilityTimeout.isNegative() || visibilityTimeout.toSeconds() > 43_200) {
      throw new IllegalArgumentException("--visibility-timeout must be between 0s and 12h, as SQS takes; was " + visibilityTimeout);
    }
    Options options = Options.defaults().apiPort(apiPort).s3Port(s3Port).sqsPort(sqsPort).dynamoDbPort(dynamoDbPort)
        .maxConcurrency(maxConcurrency).batchSize(batchSize).maxReceiveCount(maxReceiveCount)
        .visibilityTimeout(visibilityTimeout);
    dataDir.ifPresent(options::dataDir);
    writesPerSecond.ifPresent(options::writesPerSecond);
    if (singleWriter) {
      options.singleWriter();
    }
    if (noEvents) {
      options.withoutEvents();
    }

    Terminal terminal = Terminal.standardOutput();
    TerminalLog log = new TerminalLog(terminal, dataDir.map(d -> d.resolve("logs")).orElseGet(Up::temporaryLogs)
        .resolve("functions.log"), verbose);
    JsonLog.routeJavaLogging(line -> log.accept("[" + TerminalLog.JAVA_LOGGING + "] " + line));
    LocalCloud cloud = LocalCloud.start(options, log);
    List<Path> states = StateFile.locations(dataDir, cloud.apiEndpoint().getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cloud.close();
      log.close();
      for (Path state : states) {
        try {
          Files.deleteIfExists(state);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }, "local-cloud-stop"));
    AwsClients.Endpoints e = cloud.endpoints();
    Map<String, String> values = Map.of("api", cloud.apiEndpoint().toString(), "s3", e.s3().toString(),
        "sqs", e.sqs().toString(), "dynamodb", e.dynamoDb().toString(), "region", e.region(), "accessKey", e.accessKey(),
        "secretKey", e.secretKey(), "bucket", cloud.bucket(), "queue", cloud.queueUrl(), "deadLetterQueue", cloud.deadLetterQueueUrl());
    states.forEach(state -> StateFile.write(state, values));
    terminal.line(String.format("Started in %.1f s.", (System.currentTimeMillis() - FastStart.commandStarted()) / 1e3));
    Banner.lines(cloud, dataDir, log.file()).forEach(terminal::line);
    for (Path file : imports) {
      terminal.line("");
      new ImportFollower(cloud::s3, cloud.bucket(), cloud.apiEndpoint(), terminal).run(file, Duration.ofHours(1));
    }
    terminal.line("");
    terminal.line("Running. Ctrl-C stops it" + dataDir.map(d -> "; state stays in " + d).orElse("; state is temporary") + ".");
    new CountDownLatch(1).await();
    return 0;
  }

  private static Path temporaryLogs() {
    try {
      return Files.createTempDirectory("todo-local-logs-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
