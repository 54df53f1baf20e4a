package dev.todo.bench;

import dev.todo.aws.AwsClients;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.Provisioning;
import dev.todo.aws.StackLayout;
import dev.todo.local.LocalCloud;
import dev.todo.services.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The memory run: the real producer function imports a generated file of N GB from S3 into SQS, alone in a JVM
 * with {@code -Xmx256m}. Servers of its own with S3 on disk (a gigabyte does not fit an in-memory S3 server);
 * the queue is purged as it fills, nothing consumes it.
 */
final class MemoryRun {

  static final int MAX_HEAP_MB = 256;

  /** What the memory run measured. */
  record Result(long bytes, long rows, ProducerProbe.Result probe) {
  }

  private MemoryRun() {
  }

  static Result run(int gigabytes, Path work) throws Exception {
    long target = gigabytes * 1_000_000_000L;
    Path csv = work.resolve("memory-" + gigabytes + "gb.csv");
    Path sample = CsvGenerator.writeFile(work.resolve("sample.csv"), 100_000, 42);
    long rows = target * 100_000 / Files.size(sample);
    Files.delete(sample);
    CsvGenerator.writeFile(csv, rows, 42);
    System.out.printf("%n== memory run: %,d rows, %.2f GB, producer with -Xmx%dm%n", rows, Files.size(csv) / 1e9, MAX_HEAP_MB);
    try (LocalServices services = LocalServices.start(new LocalServices.Options(Optional.of(work.resolve("memory-data")),
        work.resolve("memory-logs"), 0, 0, 0))) {
      AwsClients.Endpoints endpoints = LocalCloud.endpointsOf(services);
      AwsClients clients = new AwsClients(endpoints);
      StackLayout layout = StackLayout.named("-memory", Duration.ofSeconds(30), StackLayout.IMPORTER_TIMEOUT);
      FunctionSettings functions = Provisioning.create(layout, clients).settings();
      clients.s3().putObject(r -> r.bucket(layout.bucket()).key("import/big.csv"), RequestBody.fromFile(csv));
      try {
        ProducerProbe.Result probe = ProducerProbe.run("ours", endpoints, functions, "import/big.csv", MAX_HEAP_MB,
            work.resolve("memory-probe.log"), clients.sqs());
        System.out.printf("memory run: %.0f s (%,.0f rows/s), peak heap used %.1f MB, live %.1f MB%n", probe.millis() / 1e3,
            rows * 1000.0 / probe.millis(), probe.peakUsedBytes() / 1e6, probe.peakLiveBytes() / 1e6);
        return new Result(Files.size(csv), rows, probe);
      } finally {
        Files.delete(csv);
      }
    }
  }
}
