package dev.todo.bench;

import dev.todo.local.lambda.InvocationLog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Times one import from the upload to its last write, counting the API calls and function invocations in between
 * and watching for the first todo; {@code BENCH_TRACE=1} also prints calls per second and this JVM's thread CPU.
 */
final class ImportTimer {

  private static final boolean TRACE = System.getenv("BENCH_TRACE") != null;

  private final S3Client s3;
  private final DynamoDbClient dynamoDb;

  ImportTimer(S3Client s3, DynamoDbClient dynamoDb) {
    this.s3 = s3;
    this.dynamoDb = dynamoDb;
  }

  /** What one upload took: when it landed, when the first todo was visible, when the last was written. */
  record Timing(long uploadedAtMillis, long firstVisibleAtMillis, long doneAtMillis, Map<String, Long> calls,
                        long sqsBilled, long writeUnits, Map<String, InvocationLog.Stats> invocations) {
    Report.Run run(String pipeline, long rows, String producer, long itemsInTable) {
      InvocationLog.Stats producerStats = invocations.get(producer);
      return new Report.Run(pipeline, rows, (doneAtMillis - uploadedAtMillis) / 1000.0,
          producerStats == null ? Double.NaN : producerStats.totalMillis() / 1000.0,
          firstVisibleAtMillis - uploadedAtMillis, calls, sqsBilled, writeUnits, invocations, itemsInTable, null);
    }
  }

  /**
   * Uploads the file, then waits until {@code done} (given the uploaded object's ETag) returns the epoch millis
   * at which the last row was written (or -1 while it is not). Counts the calls made in between; watches for
   * the first todo on the side.
   */
  Timing upload(String bucket, String key, Path csv, String table, InvocationLog invocations,
                        Function<String, LongSupplier> doneForETag, long rows) throws InterruptedException {
    AtomicLong firstVisible = new AtomicLong(-1);
    Thread watcher = new Thread(() -> {
      CallCounter.ignoreThisThread();
      while (firstVisible.get() < 0 && !Thread.currentThread().isInterrupted()) {
        if (dynamoDb.scan(r -> r.tableName(table).limit(1)).count() > 0) {
          firstVisible.set(System.currentTimeMillis());
        }
        sleep(10);
      }
    }, "first-todo-watcher");
    String eTag = s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(csv)).eTag().replace("\"", "");
    LongSupplier done = doneForETag.apply(eTag);
    invocations.reset();
    CallCounter.reset();
    long uploaded = System.currentTimeMillis();
    Map<String, Long> cpuAtUpload = TRACE ? threadCpuMillis() : Map.of();
    watcher.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).plusMillis(rows * 30).toNanos();
    long doneAt;
    long nextTrace = System.nanoTime();
    while ((doneAt = done.getAsLong()) < 0) {
      if (TRACE && System.nanoTime() > nextTrace) {
        nextTrace += 1_000_000_000L;
        System.out.println("trace " + (System.currentTimeMillis() - uploaded) + " ms " + CallCounter.snapshot());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the import of " + key + " did not finish in time; see the pipeline log");
      }
      sleep(100); // seldom enough to take no CPU from the servers; the end time comes from the pipeline itself
    }
    if (TRACE) {
      Map<String, Long> cpu = new HashMap<>(threadCpuMillis());
      cpuAtUpload.forEach((name, millis) -> cpu.merge(name, -millis, Long::sum));
      System.out.println("trace CPU ms of this JVM's threads during the import: " + cpu);
    }
    Map<String, Long> calls = CallCounter.snapshot();
    long billed = CallCounter.sqsBilledRequests();
    long units = CallCounter.writeUnits();
    Map<String, InvocationLog.Stats> functions = invocations.snapshot();
    // the import's own functions: the events are priced apart, and the API answers whoever asks
    functions.keySet().removeAll(dev.todo.local.LocalEvents.FUNCTIONS);
    functions.remove("TodoApi");
    watcher.join(5_000);
    watcher.interrupt();
    return new Timing(uploaded, firstVisible.get(), doneAt, calls, billed, units, functions);
  }

  /** CPU milliseconds so far of this JVM's live threads, summed by name without the trailing number, and of the whole process. */
  private static Map<String, Long> threadCpuMillis() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byName = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        byName.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), nanos / 1_000_000, Long::sum);
      }
    }
    byName.put("(whole process, GC and JIT included)",
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
    return byName;
  }

  /** Items in the table, counted in small pages (a server may run out of heap on large ones); -1 if it fails. */
  long count(String table) {
    try {
      return dynamoDb.scanPaginator(r -> r.tableName(table).select(Select.COUNT).limit(2_000)).stream()
          .mapToLong(p -> p.count()).sum();
    } catch (SdkException e) {
      System.out.println("could not count the items of " + table + ": " + e.getMessage());
      return -1;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
