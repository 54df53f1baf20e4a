package dev.todo.bench;

import dev.todo.aws.AwsClients;
import dev.todo.aws.Backoff;
import dev.todo.aws.DynamoDbTodoRepository;
import dev.todo.aws.Provisioning;
import dev.todo.aws.S3ExportFiles;
import dev.todo.aws.StackLayout;
import dev.todo.domain.ExportFilter;
import dev.todo.domain.ExportFormat;
import dev.todo.domain.ExportRecord;
import dev.todo.domain.Todo;
import dev.todo.local.LocalCloud;
import dev.todo.ports.Deadline;
import dev.todo.ports.ExportTasks;
import dev.todo.services.LocalServices;
import dev.todo.usecase.ExportDesk;
import dev.todo.usecase.ExportSettings;
import dev.todo.usecase.ExportWorker;
import dev.todo.usecase.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The export against the local services (dynalite, S3Proxy), which it starts itself: for each table size, the
 * store's raw parallel Scan (every segment read side by side, items counted, nothing else) as the ceiling, then
 * the export of the same table with the real use case and adapters (workers taking the tasks as the queue would
 * hand them), its rows/s against the ceiling, its API calls per 1,000 rows and the heap it peaked at.
 * Run it with {@code -Xmx256m} to see that the heap stays flat as the table grows (the in-process S3 and SQS servers'
 * own heap is in the figure; their data is on disk).
 */
@Command(name = "ExportBenchmark", mixinStandardHelpOptions = true,
    description = "Export rows/s against the raw parallel Scan ceiling, calls per 1,000 rows and peak heap, per table size.")
public final class ExportBenchmark implements Callable<Integer> {

  @Parameters(arity = "0..*", description = "table sizes, ascending (default: 100000 1000000)")
  List<Integer> sizes = List.of(100_000, 1_000_000);
  @Option(names = "--segments", defaultValue = "8", description = "Scan segments (default: ${DEFAULT-VALUE})")
  int segments;
  @Option(names = "--workers", defaultValue = "4", description = "workers at once, as Lambda's concurrency would be (default: ${DEFAULT-VALUE})")
  int workers;
  @Option(names = "--rounds", defaultValue = "3",
      description = "raw Scan and export, one after the other this many times per size; each reports its best (default: ${DEFAULT-VALUE})")
  int rounds;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ExportBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    CallCounter.ignoreThisThread(); // filling the table is not the export's cost
    // the servers keep their data on disk: S3Proxy and ElasticMQ run in this JVM, and in memory the bucket would be
    // counted as the export's heap
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("export-bench-");
    try (LocalServices services = LocalServices.start(new LocalServices.Options(java.util.Optional.of(dir), dir, 0, 0, 0))) {
      AwsClients clients = new AwsClients(LocalCloud.endpointsOf(services));
      StackLayout layout = StackLayout.named("-export-bench", Duration.ofMinutes(6), StackLayout.IMPORTER_TIMEOUT);
      Provisioning.create(layout, clients);
      DynamoDbTodoRepository repository = new DynamoDbTodoRepository(clients.dynamoDb(), layout.table(), 16, Backoff.DEFAULT);
      System.out.printf("%d cores, max heap %d MiB, %d segments, %d workers%n", Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20, segments, workers);
      int stored = 0;
      for (int size : sizes) {
        long t0 = System.nanoTime();
        stored = fill(repository, stored, size);
        System.out.printf("%n%,d todos in the table (filled in %.0f s)%n", size, (System.nanoTime() - t0) / 1e9);
        // interleaved rounds, each side's best: a slow moment of a shared machine (the raw Scan alone varies from
        // 21,000 to 69,000 items/s between runs here) tilts neither the ceiling nor the export
        double ceiling = 0;
        double export = 0;
        for (int round = 1; round <= rounds; round++) {
          System.out.printf(" round %d%n", round);
          ceiling = Math.max(ceiling, rawScan(clients.dynamoDb(), layout.table(), size));
          if (round == 1) {
            mappedScan(repository, size);
          }
          export = Math.max(export, export(clients, layout, repository, size, ceiling));
        }
        System.out.printf("best of %d rounds: raw parallel Scan %,.0f items/s, export %,.0f rows/s = %.2f x the raw Scan%n",
            rounds, ceiling, export, export / ceiling);
      }
    }
    return 0;
  }

  private static int fill(DynamoDbTodoRepository repository, int from, int to) {
    List<Todo> batch = new ArrayList<>(1_000);
    for (int i = from; i < to; i++) {
      batch.add(new Todo(String.format("T-%09d", i), "Bench todo number " + i, i % 2 == 0, 1_700_000_000_000L + i,
          1_700_000_000_000L + i, i % 3 == 0 ? Map.of("project", "p" + i % 7, "note", "a, \"quoted\" note")
              : Map.of("color", "c" + i % 5)));
      if (batch.size() == 1_000 || i == to - 1) {
        if (!repository.writeBatch(batch).notWritten().isEmpty()) {
          throw new IllegalStateException("the table refused some todos while filling");
        }
        batch.clear();
      }
    }
    return to;
  }

  /** Every segment scanned side by side, pages of 1,000 items counted: what the store gives, with nothing done to it. */
  private double rawScan(DynamoDbClient dynamoDb, String table, int size) throws Exception {
    double seconds = eachSegment(segment -> {
      long items = 0;
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> from = start;
        ScanResponse page = dynamoDb.scan(r -> r.tableName(table).segment(segment).totalSegments(segments).limit(1_000)
            .exclusiveStartKey(from));
        items += page.count();
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
      return items;
    }, size, "the raw scan");
    System.out.printf("  raw parallel Scan: %,.0f items/s (%.1f s)%n", size / seconds, seconds);
    return size / seconds;
  }

  /** The same through the repository, each item made a todo: what the export reads before it writes anything. */
  private void mappedScan(DynamoDbTodoRepository repository, int size) throws Exception {
    double seconds = eachSegment(segment -> {
      long items = 0;
      java.util.Optional<String> token = java.util.Optional.empty();
      do {
        var page = repository.scan(segment, segments, 1_000, token);
        items += page.items().size();
        token = page.nextToken();
      } while (token.isPresent());
      return items;
    }, size, "the repository's scan");
    System.out.printf("  the repository's parallel scan (items made todos): %,.0f items/s (%.1f s)%n", size / seconds, seconds);
  }

  /** Reads every segment with {@code workers} threads; answers the seconds it took, checking every item was counted. */
  private double eachSegment(java.util.function.IntToLongFunction read, int size, String what) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long t0 = System.nanoTime();
    List<Future<Long>> done = new ArrayList<>();
    for (int s = 0; s < segments; s++) {
      int segment = s;
      done.add(pool.submit(() -> read.applyAsLong(segment)));
    }
    long items = 0;
    for (Future<Long> f : done) {
      items += f.get();
    }
    pool.shutdown();
    if (items != size) {
      throw new IllegalStateException(what + " found " + items + " items, not " + size);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One export of the whole table; answers its rows/s. */
  private double export(AwsClients clients, StackLayout layout, DynamoDbTodoRepository repository, int size, double ceiling)
      throws Exception {
    LinkedBlockingQueue<ExportTasks.ExportTask> queue = new LinkedBlockingQueue<>();
    // a task sent with a delay (an assembly task that found the assembly held, to look again after its lease) is
    // only counted: when it came back the export would be over, and it would do nothing but read that
    List<ExportTasks.ExportTask> later = java.util.Collections.synchronizedList(new ArrayList<>());
    ExportTasks tasks = (task, delay) -> (delay.isZero() ? queue : later).add(task);
    ExportSettings settings = new ExportSettings(segments, ExportSettings.DEFAULTS.pageSize(), ExportSettings.DEFAULTS.partBytes(),
        ExportSettings.DEFAULTS.fileChunkBytes(), ExportSettings.DEFAULTS.assemblyLease());
    S3ExportFiles files = new S3ExportFiles(clients.s3(), layout.bucket());
    ExportDesk desk = new ExportDesk(files, tasks, Clock.systemUTC(), settings);
    ExportWorker worker = new ExportWorker(files, repository, tasks, Clock.systemUTC(), settings);
    System.gc();
    CallCounter.reset();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "export-worker"));
    try (HeapSampler heap = new HeapSampler()) {
      long t0 = System.nanoTime();
      ExportRecord started = desk.start(ExportFilter.ALL, ExportFormat.CSV);
      // the tasks run as the queue would hand them to Lambda, until none is left and none runs (no polling of the
      // export's record meanwhile: that would load the servers the export runs against)
      List<Future<?>> runs = new ArrayList<>();
      long assemblyStarted = 0;
      while (true) {
        ExportTasks.ExportTask task = queue.poll(10, TimeUnit.MILLISECONDS);
        if (task != null && task.assembles() && assemblyStarted == 0) {
          assemblyStarted = System.nanoTime();
        }
        if (task != null) {
          runs.add(pool.submit(() -> {
            worker.run(task, Deadline.NONE);
            return null;
          }));
        } else if (runs.stream().allMatch(Future::isDone) && queue.isEmpty()) {
          break;
        }
      }
      for (Future<?> run : runs) {
        run.get(); // a task that failed stops the benchmark with its cause
      }
      ExportRecord record = ((Result.Ok<ExportRecord>) desk.find(started.exportId())).value();
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Long> calls = CallCounter.snapshot();
      long total = calls.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf("  export: %s, %,d rows, %.1f MB in %.1f s (segments %.1f s, assembly %.1f s): %,.0f rows/s = %.2f x the raw"
              + " Scan; %.1f calls / 1,000 rows %s; %d task(s) to look again later; peak heap %d MiB used, %d MiB live%n",
          record.status(), record.rows(),
          record.bytes() / 1e6, seconds, (assemblyStarted - t0) / 1e9, seconds - (assemblyStarted - t0) / 1e9,
          size / seconds, size / seconds / ceiling, total * 1000.0 / size, calls, later.size(), heap.peakBytes() >> 20, heap.peakLiveBytes() >> 20);
      return size / seconds;
    } finally {
      pool.shutdown();
    }
  }
}
