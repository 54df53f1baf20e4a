package dev.todo.bench;

import dev.todo.domain.Compression;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an import's file format costs end to end: the pipeline benchmark's rows as CSV, JSON Lines and zstd. */
final class FormatCosts {

  private static final int FORMAT_ROUNDS = 3;

  private FormatCosts() {
  }

  /**
   * The same rows as CSV, as JSON Lines and as zstd-compressed CSV, each imported by ours in turn, {@code FORMAT_ROUNDS}
   * times interleaved, each format first in one round (each format's best round and its median round are given): what
   * the format costs end to end, where the queue and the table bound the rate, against CSV measured beside it.
   */
  static void measure(PipelineBenchmark bench, Path csv, long rows, Path work) throws Exception {
    Path jsonl = work.resolve("todos-" + rows + ".jsonl");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(jsonl), 1 << 16)) {
      CsvGenerator.writeJsonLines(out, rows, 42);
    }
    Path zstd = ParsePackBenchmark.compressed(csv, Compression.ZSTD);
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("csv", csv);
    files.put("jsonl", jsonl);
    files.put("csv.zst", zstd);
    Map<String, Report.Run> best = new LinkedHashMap<>();
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    List<Map.Entry<String, Path>> order = new ArrayList<>(files.entrySet());
    for (int round = 1; round <= FORMAT_ROUNDS; round++) {
      Collections.rotate(order, 1); // each format first once: no format gains by its place in a round
      for (Map.Entry<String, Path> file : order) {
        String format = file.getKey();
        Report.Run run = bench.ours(file.getValue(), "import/todos-" + rows + "." + format, rows,
            "-" + rows + "-" + format.replace('.', '-') + "-" + round, false);
        System.out.printf("  round %d, %-8s %,.0f rows/s%n", round, format, run.rowsPerSecond());
        best.merge(format, run, (a, b) -> a.rowsPerSecond() >= b.rowsPerSecond() ? a : b);
        rates.computeIfAbsent(format, f -> new ArrayList<>()).add(run.rowsPerSecond());
      }
    }
    // the best round and the median one: a single quick round of CSV (the reference) tilts every ratio by the best
    double csvRate = best.get("csv").rowsPerSecond();
    double csvMedian = median(rates.get("csv"));
    for (Map.Entry<String, Report.Run> run : best.entrySet()) {
      double median = median(rates.get(run.getKey()));
      System.out.printf("format %-8s %,d rows (%.1f MB): best %,.0f rows/s (%.2f x CSV), median %,.0f rows/s (%.2f x CSV),"
              + " %.1f calls / 1,000 rows%n", run.getKey(), rows, Files.size(files.get(run.getKey())) / 1e6,
          run.getValue().rowsPerSecond(), run.getValue().rowsPerSecond() / csvRate, median, median / csvMedian,
          run.getValue().callsPerThousand());
    }
    Files.delete(jsonl);
    Files.delete(zstd);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
