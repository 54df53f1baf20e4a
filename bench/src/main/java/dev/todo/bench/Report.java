package dev.todo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.todo.local.lambda.InvocationLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The benchmark's figures: what was measured, as markdown tables and JSON (the chart is {@link Chart}'s). */
final class Report {

  /** The servers' limits measured in the same run. */
  record Ceiling(double parseRowsPerSecond, double parseMegabytesPerSecond, double sendMessagesPerSecond,
                 double sendRowsPerSecond, double batchWriteItemsPerSecond) {
  }

  /** One pipeline's run on one file. */
  record Run(String pipeline, long rows, double seconds, double producerSeconds, long firstVisibleMillis,
             Map<String, Long> calls, long sqsBilledRequests, long writeUnits, Map<String, InvocationLog.Stats> invocations,
             long itemsInTable, ProducerProbe.Result probe) {

    Run withProbe(ProducerProbe.Result p) {
      return new Run(pipeline, rows, seconds, producerSeconds, firstVisibleMillis, calls, sqsBilledRequests, writeUnits,
          invocations, itemsInTable, p);
    }

    double rowsPerSecond() {
      return rows / seconds;
    }

    double producerRowsPerSecond() {
      return rows / producerSeconds;
    }

    double callsPerThousand(String service) {
      return CallCounter.service(calls, service) * 1000.0 / rows;
    }

    double callsPerThousand() {
      return callsPerThousand("S3") + callsPerThousand("Sqs") + callsPerThousand("DynamoDb");
    }

    long invocationCount() {
      return invocations.values().stream().mapToLong(InvocationLog.Stats::invocations).sum();
    }

    double gbSeconds() {
      return invocations.values().stream().mapToLong(InvocationLog.Stats::totalMillis).sum() / 1000.0
          * PipelineBenchmark.FUNCTION_MEMORY_MB / 1024.0;
    }

    /** US dollars per million rows at {@link Prices}. */
    double costPerMillionRows() {
      return Prices.costPerMillionRows(this);
    }

    String summary() {
      return String.format(Locale.ROOT, "%,.0f rows/s end to end (%.1f s), producer %,.0f rows/s, first todo after %d ms, "
              + "%.1f calls/1000 rows %s, %d invocations, %,d items in the table", rowsPerSecond(), seconds,
          producerRowsPerSecond(), firstVisibleMillis, callsPerThousand(), calls, invocationCount(), itemsInTable);
    }
  }

  /** Everything measured on one file size. */
  record Size(long rows, long bytes, Ceiling ceiling, Run ours, Optional<Run> baseline) {
  }

  private final Instant date;
  private final String machine;
  private final int maxConcurrency;
  private final List<Size> sizes = new ArrayList<>();
  private Optional<MemoryRun.Result> memory = Optional.empty();

  Report(Instant date, String machine, int maxConcurrency) {
    this.date = date;
    this.machine = machine;
    this.maxConcurrency = maxConcurrency;
  }

  void add(Size size) {
    sizes.add(size);
  }

  List<Size> sizes() {
    return sizes;
  }

  void memory(MemoryRun.Result result) {
    memory = Optional.of(result);
  }

  static String machine() {
    return String.format(Locale.ROOT, "%d cores, %d GiB, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
        Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
  }

  /** The table of one size: baseline, ours and their ratio for each figure, then the ceilings. */
  String sizeTable(Size s) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "### %,d rows (%.1f MB)%n%n", s.rows(), s.bytes() / 1e6));
    md.append("| | baseline | ours | ours / baseline |\n|---|---:|---:|---:|\n");
    row(md, s, "end-to-end rows/s", Run::rowsPerSecond, "%,.0f");
    row(md, s, "producer rows/s", Run::producerRowsPerSecond, "%,.0f");
    row(md, s, "time to first todo visible (ms)", r -> r.firstVisibleMillis(), "%,.0f");
    row(md, s, "producer peak heap, used (MB, -Xmx256m)", r -> r.probe() == null ? Double.NaN : r.probe().peakUsedBytes() / 1e6, "%.1f");
    row(md, s, "producer peak heap, live after GC (MB)", r -> r.probe() == null ? Double.NaN : r.probe().peakLiveBytes() / 1e6, "%.1f");
    row(md, s, "S3 calls / 1,000 rows", r -> r.callsPerThousand("S3"), "%.2f");
    row(md, s, "SQS calls / 1,000 rows", r -> r.callsPerThousand("Sqs"), "%.2f");
    row(md, s, "DynamoDB calls / 1,000 rows", r -> r.callsPerThousand("DynamoDb"), "%.2f");
    row(md, s, "all API calls / 1,000 rows", Run::callsPerThousand, "%.2f");
    row(md, s, "Lambda invocations / 1,000 rows", r -> r.invocationCount() * 1000.0 / r.rows(), "%.2f");
    row(md, s, "Lambda GB-s / 1,000 rows", r -> r.gbSeconds() * 1000.0 / r.rows(), "%.3f");
    row(md, s, "AWS cost / million rows (USD)", Run::costPerMillionRows, "%.2f");
    row(md, s, "items in the table", r -> r.itemsInTable(), "%,.0f");
    Ceiling c = s.ceiling();
    md.append(String.format(Locale.ROOT, "%nCeilings in the same run: CSV parse+pack %,.0f rows/s (%.1f MB/s); "
            + "SQS SendMessageBatch %,.0f messages/s (%,.0f rows/s packed); DynamoDB BatchWriteItem %,.0f items/s. "
            + "Ours end to end = **%.2fx** the BatchWriteItem ceiling.%n", c.parseRowsPerSecond(),
        c.parseMegabytesPerSecond(), c.sendMessagesPerSecond(), c.sendRowsPerSecond(), c.batchWriteItemsPerSecond(),
        s.ours().rowsPerSecond() / c.batchWriteItemsPerSecond()));
    return md.toString();
  }

  private static void row(StringBuilder md, Size s, String name, ToDoubleFunction<Run> figure, String format) {
    double ours = figure.applyAsDouble(s.ours());
    Optional<Double> base = s.baseline().map(figure::applyAsDouble).filter(b -> !b.isNaN());
    md.append("| ").append(name).append(" | ")
        .append(base.map(b -> String.format(Locale.ROOT, format, b)).orElse("–")).append(" | ")
        .append(String.format(Locale.ROOT, format, ours)).append(" | ")
        .append(base.filter(b -> b != 0).map(b -> String.format(Locale.ROOT, "%.3gx", ours / b)).orElse("–")).append(" |\n");
  }

  String memoryTable() {
    StringBuilder md = new StringBuilder("### Producer memory by file size (the real S3ToSqs alone, -Xmx256m)\n\n"
        + "| file | rows | peak heap used (MB) | peak live heap (MB) | producer rows/s |\n|---|---:|---:|---:|---:|\n");
    for (Size s : sizes) {
      ProducerProbe.Result p = s.ours().probe();
      md.append(String.format(Locale.ROOT, "| %.1f MB | %,d | %.1f | %.1f | %,.0f |%n", s.bytes() / 1e6, s.rows(),
          p.peakUsedBytes() / 1e6, p.peakLiveBytes() / 1e6, s.rows() * 1000.0 / p.millis()));
    }
    memory.ifPresent(m -> md.append(String.format(Locale.ROOT, "| %.2f GB | %,d | %.1f | %.1f | %,.0f |%n", m.bytes() / 1e9,
        m.rows(), m.probe().peakUsedBytes() / 1e6, m.probe().peakLiveBytes() / 1e6, m.rows() * 1000.0 / m.probe().millis())));
    return md.toString();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Measured %s on %s; event-source max concurrency %d for both pipelines; "
        + "prices: %s.%n%n", date.toString().substring(0, 10), machine, maxConcurrency, Prices.PRICES_TAKEN));
    sizes.forEach(s -> md.append(sizeTable(s)).append('\n'));
    md.append(memoryTable());
    return md.toString();
  }

  void write(Path dir) throws IOException {
    Files.writeString(dir.resolve("results.md"), markdown());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", date.toString());
    json.put("machine", machine);
    json.put("maxConcurrency", maxConcurrency);
    json.put("prices", Prices.asJson());
    List<Map<String, Object>> sizeList = new ArrayList<>();
    for (Size s : sizes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", s.rows());
      m.put("bytes", s.bytes());
      m.put("ceiling", s.ceiling());
      m.put("ours", runJson(s.ours()));
      s.baseline().ifPresent(b -> m.put("baseline", runJson(b)));
      sizeList.add(m);
    }
    json.put("sizes", sizeList);
    memory.ifPresent(m -> json.put("memoryRun", m));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
    ImageIO.write(Chart.rowsPerSecond(sizes, date.toString().substring(0, 10) + ", " + machine), "png",
        dir.resolve("rows-per-second.png").toFile());
  }

  private static Map<String, Object> runJson(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rowsPerSecond", r.rowsPerSecond());
    m.put("producerRowsPerSecond", r.producerRowsPerSecond());
    m.put("seconds", r.seconds());
    m.put("firstVisibleMillis", r.firstVisibleMillis());
    m.put("callsPerThousandRows", Map.of("S3", r.callsPerThousand("S3"), "SQS", r.callsPerThousand("Sqs"),
        "DynamoDB", r.callsPerThousand("DynamoDb"), "all", r.callsPerThousand()));
    m.put("calls", r.calls());
    m.put("sqsBilledRequests", r.sqsBilledRequests());
    m.put("dynamoDbWriteUnits", r.writeUnits());
    m.put("invocations", r.invocations());
    m.put("gbSeconds", r.gbSeconds());
    m.put("costPerMillionRowsUsd", r.costPerMillionRows());
    m.put("itemsInTable", r.itemsInTable());
    m.put("producerProbe", r.probe());
    return m;
  }
}
