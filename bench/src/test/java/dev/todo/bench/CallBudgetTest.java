package dev.todo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.services.LocalServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's smoke size, run by the build: the real pipeline imports 20,000 rows through the local cloud
 * and must stay within its API-call budget. Call counts, unlike times, do not depend on the machine.
 */
class CallBudgetTest {

  private static final long ROWS = 20_000;
  /** The floor: one BatchWriteItem per 25 rows. The budget: 10% over it, for everything else. */
  private static final long FLOOR = ROWS / 25;
  private static final long BUDGET = FLOOR * 11 / 10;

  @Test
  void theImportStaysWithinTenPercentOfTheBatchWriteFloor(@TempDir Path dir) throws Exception {
    CallCounter.ignoreThisThread();
    CallCounter.ignoreThreadsNamed("s3-notifier");
    CallCounter.countEventsApart();
    Path csv = CsvGenerator.writeFile(dir.resolve("smoke.csv"), ROWS, 42);
    PipelineBenchmark bench = new PipelineBenchmark(
        new PipelineBenchmark.Settings(List.of(ROWS), 0, 2, dir, 0, 1), LocalServices.shared(), line -> { });

    Report.Run run = bench.ours(csv, ROWS, "-smoke", false);

    Map<String, Long> calls = run.calls();
    long total = CallCounter.service(calls, "S3") + CallCounter.service(calls, "Sqs") + CallCounter.service(calls, "DynamoDb");
    assertThat(run.itemsInTable()).isEqualTo(ROWS);
    assertThat(calls.get("DynamoDb.BatchWriteItem")).as("BatchWriteItem calls, %s", calls)
        .isBetween(FLOOR, FLOOR + run.invocationCount());
    assertThat(total).as("API calls for %,d rows (empty receives not counted): %s", ROWS, calls).isLessThanOrEqualTo(BUDGET);
    assertThat(run.callsPerThousand()).isLessThanOrEqualTo(44.0);
    assertThat(run.invocationCount()).as("Lambda invocations").isLessThanOrEqualTo(1 + 17);
  }
}
