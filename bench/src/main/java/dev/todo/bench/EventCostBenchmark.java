package dev.todo.bench;

import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.local.lambda.InvocationLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What the events cost per 1,000 imported rows: one import through the local cloud, then the event path's calls
 * and invocations counted (PutEvents entries and calls, stream and notifier invocations with their GB-seconds,
 * the journal reads and writes of the announcement, SNS publishes) and priced at list prices. The import's own
 * calls are counted apart and not included.
 */
@Command(name = "EventCostBenchmark", mixinStandardHelpOptions = true,
    description = "Imports ROWS rows through the local cloud and prints what the events cost per 1,000 rows.")
public final class EventCostBenchmark implements Callable<Integer> {

  /** EventBridge custom events: per million entries of up to 64 KB. */
  static final double PUT_EVENTS_PER_MILLION_ENTRIES = 1.00;
  /** DynamoDB on demand: per million read request units. */
  static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
  static final double SNS_PER_MILLION_PUBLISHES = 0.50;
  static final double SNS_EMAIL_PER_HUNDRED_THOUSAND = 2.00;
  /** What the stack gives the event functions (apiMemoryMb). */
  static final double EVENT_FUNCTION_GB = 0.5;

  @Parameters(paramLabel = "ROWS", defaultValue = "10000", description = "rows to import (default: ${DEFAULT-VALUE})")
  long rows;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EventCostBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    CallCounter.ignoreThisThread();
    CallCounter.ignoreThreadsNamed("s3-notifier");
    CallCounter.countEventsApart();
    Path dir = Files.createTempDirectory("event-cost-");
    Path csv = CsvGenerator.writeFile(dir.resolve("events.csv"), rows, 42);
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts(), line -> { })) {
      cloud.invocations().reset();
      CallCounter.reset();
      java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
      cloud.events().onEvent(e -> {
        if (e.path("detail-type").asText().equals("importCompleted")) {
          ended.countDown();
        }
      });
      long started = System.nanoTime();
      cloud.s3().putObject(r -> r.bucket(cloud.bucket()).key("import/events.csv"), RequestBody.fromFile(csv));
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while ((ended.getCount() > 0 || cloud.events().pendingStreamRecords() > 0) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Long> calls = CallCounter.snapshot();
      Map<String, InvocationLog.Stats> functions = cloud.invocations().snapshot();
      long entries = cloud.events().published();
      long putEvents = calls.getOrDefault("events:EventBridge.PutEvents", 0L);
      long reads = calls.getOrDefault("events:DynamoDb.Query", 0L) + calls.getOrDefault("events:DynamoDb.GetItem", 0L);
      long writes = calls.getOrDefault("events:DynamoDb.PutItem", 0L);
      long publishes = calls.getOrDefault("events:Sns.Publish", 0L);
      long invocations = 0;
      double gbSeconds = 0;
      for (String f : dev.todo.local.LocalEvents.FUNCTIONS) {
        InvocationLog.Stats s = functions.getOrDefault(f, new InvocationLog.Stats(0, 0, 0));
        invocations += s.invocations();
        gbSeconds += s.totalMillis() / 1000.0 * EVENT_FUNCTION_GB;
        System.out.printf("%-14s %6d invocations, %8.1f s in all%n", f, s.invocations(), s.totalMillis() / 1000.0);
      }
      long mails;
      try (Stream<Path> files = Files.list(cloud.events().outbox())) {
        mails = files.count();
      }
      double dollars = entries * PUT_EVENTS_PER_MILLION_ENTRIES / 1e6
          + invocations * Prices.LAMBDA_PER_MILLION_REQUESTS / 1e6 + gbSeconds * Prices.LAMBDA_ARM64_PER_GB_SECOND
          + reads * DYNAMODB_PER_MILLION_READ_UNITS / 1e6 + writes * Prices.DYNAMODB_ON_DEMAND_PER_MILLION_WRITE_UNITS / 1e6
          + publishes * SNS_PER_MILLION_PUBLISHES / 1e6 + mails * SNS_EMAIL_PER_HUNDRED_THOUSAND / 1e5;
      double per1000 = 1000.0 / rows;
      System.out.printf("%,d rows imported, events drained after %.1f s%n", rows, seconds);
      System.out.printf("per 1,000 rows: %.1f events (%.1f PutEvents calls), %.2f event-function invocations (%.2f GB-s), "
              + "%.2f journal reads, %.2f journal writes, %.3f SNS publishes, %.3f mails%n",
          entries * per1000, putEvents * per1000, invocations * per1000, gbSeconds * per1000, reads * per1000, writes * per1000,
          publishes * per1000, mails * per1000);
      System.out.printf("per 1,000 rows: $%.6f at %s, PutEvents $%.2f per million entries; DynamoDB Streams reads by Lambda are free%n",
          dollars * per1000, Prices.PRICES_TAKEN, PUT_EVENTS_PER_MILLION_ENTRIES);
      System.out.println("the event path's calls: " + calls.entrySet().stream().filter(e -> e.getKey().startsWith("events:")).toList());
      return 0;
    }
  }
}
