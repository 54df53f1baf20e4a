package dev.todo.bench;

import dev.todo.local.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The pipeline benchmark's command line (the bench jar's main class): picocli fills the fields, {@link #call()} runs it. */
@Command(name = "todo-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The import end to end beside the naive design and the servers' raw limits; prints tables and "
        + "writes results.md, results.json and rows-per-second.png.")
public final class PipelineCommand implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(new CommandLine(new PipelineCommand()).execute(args));
  }

  @Option(names = "--rows", split = ",", paramLabel = "N", description = "sizes to import (default: 10000,100000)")
  List<Long> sizes = new ArrayList<>(List.of(10_000L, 100_000L));
  @Option(names = "--full", description = "adds 1,000,000 rows (ours only) and the 1 GB memory run")
  boolean full;
  @Option(names = "--baseline-max-rows", paramLabel = "N", defaultValue = "10000",
      description = "the largest size the baseline runs on (default: ${DEFAULT-VALUE}; 100000 takes over 15 minutes)")
  long baselineMaxRows;
  @Option(names = "--no-baseline", description = "run no baseline")
  boolean noBaseline;
  @Option(names = "--memory-gb", paramLabel = "N", defaultValue = "0",
      description = "size of the memory run's file in GB, 0 for none (default: ${DEFAULT-VALUE}; 1 with --full)")
  int memoryGb;
  @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "" + Options.MAX_CONCURRENCY,
      description = "event-source max concurrency of both pipelines (default: ${DEFAULT-VALUE})")
  int maxConcurrency;
  @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
      description = "times the BatchWriteItem ceiling, ours and the baseline run, interleaved; each reports its best "
          + "(default: ${DEFAULT-VALUE})")
  int rounds;
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench/results",
      description = "where the results go (default: ${DEFAULT-VALUE})")
  Path out;

  PipelineBenchmark.Settings settings() {
    if (rounds < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be at least 1");
    }
    List<Long> all = full ? Stream.concat(sizes.stream(), Stream.of(1_000_000L)).distinct().toList() : sizes;
    return new PipelineBenchmark.Settings(all, full ? Math.max(memoryGb, 1) : memoryGb, maxConcurrency, out,
        noBaseline ? 0 : baselineMaxRows, rounds);
  }

  @Override
  public Integer call() throws Exception {
    PipelineBenchmark.run(settings());
    return 0;
  }
}
