package dev.todo.bench;

import dev.todo.aws.AwsClients;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.Provisioning;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.ServiceQueue;
import dev.todo.aws.StackLayout;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.services.LocalServices;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The import, end to end, side by side with the naive design ({@link Baseline}) and with the raw limits of the
 * servers ({@link Ceilings}), all in one run on one set of local servers. Prints a markdown table per size and
 * writes {@code results.md}, {@code results.json} and {@code rows-per-second.png} to the output directory.
 *
 * <p>Usage: {@code java -jar bench/target/todo-bench.jar --help}. The baseline sends one row per call, so it runs
 * only on files of up to 10,000 rows unless told otherwise; {@code --full} adds 1,000,000 rows for ours and the
 * memory run on 1 GB ({@code --memory-gb N} on its own).
 */
public final class PipelineBenchmark {

  /** The functions' memory in the CDK stack's defaults (importer and writer), for GB-seconds. */
  static final int FUNCTION_MEMORY_MB = 1024;

  private final Settings settings;
  private final Consumer<String> log;
  private final LocalServices services;
  private final AwsClients.Endpoints endpoints;
  private final S3Client s3;
  private final SqsClient sqs;
  private final DynamoDbClient dynamoDb;
  private final ImportTimer timer;

  /** What to run. */
  record Settings(List<Long> sizes, int memoryGb, int maxConcurrency, Path out, long baselineMaxRows, int rounds) {
  }

  PipelineBenchmark(Settings settings, LocalServices services, Consumer<String> log) {
    this.settings = settings;
    this.services = services;
    this.log = log;
    endpoints = LocalCloud.endpointsOf(services);
    AwsClients clients = new AwsClients(endpoints);
    s3 = clients.s3();
    sqs = clients.sqs();
    dynamoDb = clients.dynamoDb();
    timer = new ImportTimer(s3, dynamoDb);
  }

  static void run(Settings settings) throws Exception {
    Files.createDirectories(settings.out());
    Path work = Files.createTempDirectory("todo-bench-");
    PrintStream serverLog = new PrintStream(Files.newOutputStream(work.resolve("pipeline.log")), true);
    CallCounter.ignoreThisThread();
    CallCounter.ignoreThreadsNamed("s3-notifier"); // the local stand-in for S3 notifications is no API call
    CallCounter.countEventsApart();
    String machine = Report.machine();
    System.out.printf("Benchmark on %s; sizes %s; logs in %s%n", machine, settings.sizes(), work);
    long started = System.nanoTime();
    try (LocalServices services = LocalServices.start(LocalServices.Options.ephemeral())) {
      PipelineBenchmark bench = new PipelineBenchmark(settings, services, serverLog::println);
      Report report = new Report(Instant.now(), machine, settings.maxConcurrency());
      bench.warmUp(work);
      for (long rows : settings.sizes()) {
        Path csv = CsvGenerator.writeFile(work.resolve("todos-" + rows + ".csv"), rows, 42);
        report.add(bench.measureSize(csv, rows, settings.rounds(), true));
        System.out.println(report.sizeTable(report.sizes().get(report.sizes().size() - 1)));
        FormatCosts.measure(bench, csv, rows, work);
        Files.delete(csv);
      }
      if (settings.memoryGb() > 0) {
        report.memory(MemoryRun.run(settings.memoryGb(), work));
      }
      report.write(settings.out());
      System.out.println(report.memoryTable());
      System.out.printf("Whole run: %.0f s. Results in %s%n", (System.nanoTime() - started) / 1e9, settings.out().toAbsolutePath());
    } finally {
      serverLog.close();
    }
  }

  /**
   * A small round of everything first, then ours on a larger file, so no figure below pays for class loading and
   * JIT compilation: traced runs showed the C2 compiler still taking about 6 CPU-seconds from a 100,000-row import
   * after a 3,000-row warm-up.
   */
  void warmUp(Path work) throws Exception {
    System.out.println("warming up the servers and the pipelines...");
    PrintStream console = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      Path small = CsvGenerator.writeFile(work.resolve("warm-up.csv"), WARM_UP_ROWS, 7);
      measureSize(small, WARM_UP_ROWS, 1, false);
      Files.delete(small);
      Path large = CsvGenerator.writeFile(work.resolve("warm-up-ours.csv"), OURS_WARM_UP_ROWS, 7);
      ours(large, OURS_WARM_UP_ROWS, "-warm-up", false);
      Files.delete(large);
    } finally {
      System.setOut(console);
    }
  }

  /** Everything, the baseline too, runs once on this many rows first. */
  private static final long WARM_UP_ROWS = 3_000;
  /** Then ours on this many: enough calls of its hot paths for the JIT compiler to be done with them. */
  private static final long OURS_WARM_UP_ROWS = 200_000;

  /**
   * Ceilings, the real pipeline and the baseline on one generated file: the BatchWriteItem ceiling, ours and the
   * baseline run {@code rounds} times, interleaved, and each reports its best round, so a slow moment of a shared
   * machine (runs vary by 15% here) tilts no ratio.
   */
  Report.Size measureSize(Path csv, long rows, int rounds, boolean probe) throws Exception {
    System.out.printf("%n== %,d rows (%.1f MB)%n", rows, Files.size(csv) / 1e6);
    Ceilings.Parse parse = Ceilings.parse(csv, rows, 3);
    System.out.printf("ceiling: parse+pack %,.0f rows/s (%.1f MB/s), %d messages%n", parse.rowsPerSecond(),
        parse.megabytesPerSecond(), parse.messages().size());
    String ceilingQueue = Provisioning.createQueueWithDeadLetter(sqs, "ceiling-" + rows);
    double messagesPerSecond = Ceilings.sendMessageBatch(sqs, ceilingQueue, parse.messages(), SEND_THREADS);
    sqs.purgeQueue(r -> r.queueUrl(ceilingQueue));
    double rowsPerMessage = (double) rows / parse.messages().size();
    System.out.printf("ceiling: SendMessageBatch %,.0f messages/s (%,.0f rows/s)%n", messagesPerSecond,
        messagesPerSecond * rowsPerMessage);
    boolean withBaseline = rows <= settings.baselineMaxRows();
    double batchWrite = 0;
    List<Report.Run> ours = new ArrayList<>();
    List<Report.Run> baseline = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      String suffix = "-" + rows + "-" + round;
      boolean last = round == rounds;
      for (int threads : WRITE_THREADS) {
        double rate = Ceilings.batchWriteItem(dynamoDb, "ceiling" + suffix + "-" + threads, csv, CEILING_MAX_ROWS, threads);
        System.out.printf("ceiling: BatchWriteItem with %d threads %,.0f items/s%n", threads, rate);
        batchWrite = Math.max(batchWrite, rate);
      }
      ours.add(ours(csv, rows, suffix, probe && last));
      System.out.println("ours:     " + ours.get(ours.size() - 1).summary());
      if (withBaseline) {
        baseline.add(baseline(csv, rows, suffix, probe && last));
        System.out.println("baseline: " + baseline.get(baseline.size() - 1).summary());
      }
    }
    Report.Ceiling ceiling = new Report.Ceiling(parse.rowsPerSecond(), parse.megabytesPerSecond(), messagesPerSecond,
        messagesPerSecond * rowsPerMessage, batchWrite);
    return new Report.Size(rows, Files.size(csv), ceiling, fastest(ours),
        withBaseline ? Optional.of(fastest(baseline)) : Optional.empty());
  }

  /** The fastest of a pipeline's rounds, with the producer probe taken in the last round. */
  private static Report.Run fastest(List<Report.Run> runs) {
    Report.Run best = runs.stream().max(Comparator.comparingDouble(Report.Run::rowsPerSecond)).orElseThrow();
    Report.Run last = runs.get(runs.size() - 1);
    return last.probe() == null ? best : best.withProbe(last.probe());
  }

  private static final int SEND_THREADS = 4;
  private static final int[] WRITE_THREADS = {16, 32};
  /** The BatchWriteItem ceiling settles well within this many rows (about 7 seconds here). */
  private static final long CEILING_MAX_ROWS = 50_000;
  /** The baseline's producer is probed alone only on small files: it takes as long as the baseline itself. */
  private static final long BASELINE_PROBE_MAX_ROWS = 10_000;

  /** The real handlers through the local cloud. */
  Report.Run ours(Path csv, long rows, String suffix, boolean probe) throws Exception {
    return ours(csv, "import/todos-" + rows + ".csv", rows, suffix, probe);
  }

  /** The same, the file uploaded under {@code key} (whose extension says its format). */
  Report.Run ours(Path csv, String key, long rows, String suffix, boolean probe) throws Exception {
    // the import as AWS runs it: there the table's stream costs the writer nothing, while the local stand-in reads
    // every item a write touches; the events are priced apart (EventCostBenchmark)
    Options options = Options.defaults().anyFreePorts().external(endpoints).namesEndingWith(suffix)
        .maxConcurrency(settings.maxConcurrency()).withoutEvents()
        // the stack's visibility (six times the writer's timeout): with the local 30 s a batch slowed by a loaded
        // machine comes back and is written twice, calls AWS would not see
        .visibilityTimeout(StackLayout.rowsVisibility(ServiceFunction.WRITER.timeout()));
    try (LocalCloud cloud = LocalCloud.start(options, log)) {
      String table = cloud.settings().table();
      ImportTimer.Timing timing = timer.upload(cloud.bucket(), key, csv, table, cloud.invocations(), eTag -> {
        ImportId id = ImportId.of(ObjectRef.of(cloud.bucket(), key, eTag));
        return () -> cloud.runtime().journal().find(id).filter(r -> r.status() == ImportStatus.COMPLETED)
            .map(r -> r.finishedAt().orElseThrow()).orElse(-1L);
      }, rows);
      Report.Run run = timing.run("ours", rows, "S3ToSqs", timer.count(table));
      dynamoDb.deleteTable(r -> r.tableName(table)); // dynalite keeps every table in its heap
      return probe ? run.withProbe(probe("ours", csv, rows, cloud.settings().importsTable())) : run;
    }
  }

  /** The naive design, on the same servers, with the same event-source concurrency. */
  private Report.Run baseline(Path csv, long rows, String suffix, boolean probe) throws Exception {
    InvocationLog invocations = new InvocationLog();
    try (Baseline baseline = new Baseline(endpoints, suffix, settings.maxConcurrency(), invocations, log)) {
      baseline.start(Options.defaults().notifyIntervalMillis());
      ImportTimer.Timing timing = timer.upload(baseline.bucket, "import/todos-" + rows + ".csv", csv, baseline.table, invocations,
          eTag -> () -> baseline.written() >= rows ? System.currentTimeMillis() : -1L, rows);
      Report.Run run = timing.run("baseline", rows, Baseline.PRODUCER, timer.count(baseline.table));
      dynamoDb.deleteTable(r -> r.tableName(baseline.table));
      return probe && rows <= BASELINE_PROBE_MAX_ROWS ? run.withProbe(probe("baseline", csv, rows, baseline.table)) : run;
    }
  }

  /** The producer alone in a JVM of its own, on a bucket and queue of its own; {@code journal} is the run's. */
  private ProducerProbe.Result probe(String which, Path csv, long rows, String journal) throws Exception {
    String bucket = "probe-" + which + "-" + rows;
    s3.createBucket(r -> r.bucket(bucket));
    String key = "import/probe-" + rows + ".csv";
    s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(csv));
    String queue = Provisioning.createQueueWithDeadLetter(sqs, bucket);
    Map<ServiceQueue, String> queues = new java.util.EnumMap<>(ServiceQueue.class);
    for (ServiceQueue q : ServiceQueue.values()) {
      queues.put(q, queue); // the producer sends to the rows queue only
    }
    FunctionSettings functions = FunctionSettings.of(journal, journal, queues, bucket, "unused-bus", "arn:aws:sns:unused");
    ProducerProbe.Result result = ProducerProbe.run(which, endpoints, functions, key, MemoryRun.MAX_HEAP_MB,
        Files.createTempFile("probe-" + which + "-", ".log"), sqs);
    System.out.printf("%s producer alone, -Xmx%dm: %.1f s, peak heap used %.1f MB, live %.1f MB%n", which,
        MemoryRun.MAX_HEAP_MB, result.millis() / 1000.0, result.peakUsedBytes() / 1e6, result.peakLiveBytes() / 1e6);
    return result;
  }
}
