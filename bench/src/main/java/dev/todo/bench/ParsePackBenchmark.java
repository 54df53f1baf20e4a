package dev.todo.bench;

import dev.todo.domain.Compression;
import dev.todo.domain.ObjectRef;
import dev.todo.inmemory.InMemoryContinuations;
import dev.todo.inmemory.InMemoryImportJournal;
import dev.todo.ports.Deadline;
import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import dev.todo.usecase.ImportOutcome;
import dev.todo.usecase.ImportService;
import dev.todo.usecase.ImportSettings;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * Measures the producer alone: parse + validate + pack of generated rows, as CSV and as JSON Lines, into a queue that
 * only counts what it is sent, plain, gzip and zstd. Usage: {@code ParsePackBenchmark [rows=1000000] [runs=3]}. Prints rows/s,
 * MB/s (of the uncompressed text) and peak heap for each.
 */
@Command(name = "ParsePackBenchmark", mixinStandardHelpOptions = true,
    description = "Parse + validate + pack of a generated CSV into a queue that only counts; prints rows/s, MB/s and peak heap.")
public final class ParsePackBenchmark implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", defaultValue = "1000000", description = "rows in the generated file (default: ${DEFAULT-VALUE})")
  long rows;
  @Parameters(index = "1", arity = "0..1", defaultValue = "3", description = "runs (default: ${DEFAULT-VALUE})")
  int runs;
  @picocli.CommandLine.Option(names = "--compression", split = ",", defaultValue = "NONE,GZIP,ZSTD",
      description = "which files to read: NONE, GZIP, ZSTD (default: all three)")
  List<Compression> compressions;
  @picocli.CommandLine.Option(names = "--format", split = ",", defaultValue = "csv,jsonl",
      description = "which formats: csv, jsonl (default: both; the same rows)")
  List<String> formats;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ParsePackBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    System.out.printf("parse+pack of %,d rows, JVM max heap %d MB, %d cores%n", rows, Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    for (String format : formats) {
      Path text = Files.createTempFile("bench-", "." + format);
      try {
        try (OutputStream out = Files.newOutputStream(text)) {
          if (format.equals("jsonl")) {
            CsvGenerator.writeJsonLines(out, rows, 42);
          } else {
            CsvGenerator.write(out, rows, 42);
          }
        }
        long bytes = Files.size(text);
        for (Compression compression : compressions) {
          Path file = compressed(text, compression);
          System.out.printf("%s %s (%.1f MB of text, %.1f MB stored):%n", format, compression, bytes / 1e6, Files.size(file) / 1e6);
          for (int run = 1; run <= runs; run++) {
            measure(file, "import/bench." + format, bytes, run);
          }
          if (!file.equals(text)) {
            Files.delete(file);
          }
        }
      } finally {
        Files.deleteIfExists(text);
      }
    }
    return 0;
  }

  private void measure(Path file, String key, long bytes, int run) throws Exception {
    CountingQueue queue = new CountingQueue();
    ImportService importer = new ImportService(new FileSource(file), queue, new InMemoryImportJournal(),
        new InMemoryContinuations(), Clock.systemUTC(), ImportSettings.DEFAULTS);
    System.gc();
    long start = System.nanoTime();
    ImportOutcome outcome;
    long peak;
    try (HeapSampler heap = new HeapSampler()) {
      outcome = importer.start(ObjectRef.of("bench", key, "etag-" + run), Deadline.NONE);
      peak = heap.peakBytes();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!(outcome instanceof ImportOutcome.Queued q) || q.record().progress().rowsQueued() != rows) {
      throw new IllegalStateException("benchmark import did not queue every row: " + outcome);
    }
    System.out.printf("  run %d: %,.0f rows/s, %.1f MB/s, %d messages (%,d rows each on average), peak heap %.1f MB%n",
        run, rows / seconds, bytes / 1e6 / seconds, queue.messages.get(), rows / Math.max(1, queue.messages.get()),
        peak / 1e6);
  }

  /** The file as the compression stores it (the file itself for none). */
  static Path compressed(Path csv, Compression compression) throws IOException {
    if (compression == Compression.NONE) {
      return csv;
    }
    Path out = Files.createTempFile("bench-", compression == Compression.GZIP ? ".gz" : ".zst");
    try (OutputStream raw = Files.newOutputStream(out);
         OutputStream packed = compression == Compression.GZIP ? new GZIPOutputStream(raw, 1 << 16) : new ZstdOutputStream(raw)) {
      Files.copy(csv, packed);
    }
    return out;
  }

  /** A queue that keeps nothing, so the heap figure is the producer's own. */
  private static final class CountingQueue implements RowQueue {
    final AtomicLong messages = new AtomicLong();

    @Override
    public List<String> send(List<QueueMessage> batch) {
      messages.addAndGet(batch.size());
      return List.of();
    }
  }
}
