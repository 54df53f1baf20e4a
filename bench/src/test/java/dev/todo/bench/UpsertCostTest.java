package dev.todo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.todo.aws.ServiceFunction;
import dev.todo.aws.StackLayout;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.Todo;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.services.LocalServices;
import dev.todo.usecase.Result;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What rows that name their {@code todoId} cost: a file of them imported into an empty table, then again over the
 * todos it made, which keep their {@code createdAt} and attributes. Each such row is one {@code UpdateItem} of what it
 * says (never a read, never a whole item put back), so the calls are one per row, where inserts are one per 25; the
 * write units are the same (DynamoDB charges a batch per item). Counts calls, not time; prints the figures.
 */
class UpsertCostTest {

  private static final int ROWS = 3_000;

  @Test
  void rowsWithAnIdCostOneUpdateItemEachAndKeepWhatTheFileDoesNotSay() throws Exception {
    CallCounter.ignoreThisThread();
    CallCounter.ignoreThreadsNamed("s3-notifier");
    CallCounter.countEventsApart();
    Options options = Options.defaults().anyFreePorts().external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-upsert").withoutEvents() // the events' calls are counted apart anyway
        // the queue's visibility as the stack sets it (six times the writer's timeout), not the local 30 s: on a loaded
        // machine a batch could outlast 30 s, come back and be written twice, which is no cost AWS would see
        .visibilityTimeout(StackLayout.rowsVisibility(ServiceFunction.WRITER.timeout()));
    try (LocalCloud cloud = LocalCloud.start(options, line -> { })) {
      StringBuilder created = new StringBuilder("todoId,name,completed,createdAt,project\n");
      StringBuilder renamed = new StringBuilder("todoId,name\n");
      for (int i = 0; i < ROWS; i++) {
        created.append("T-").append(i).append(",task ").append(i).append(",true,2026-01-0").append(1 + i % 9)
            .append("T00:00:00Z,home\n");
        renamed.append("T-").append(i).append(",renamed ").append(i).append('\n');
      }

      double insert = callsPerThousand(cloud, "import/created.csv", created.toString());
      double update = callsPerThousand(cloud, "import/renamed.csv", renamed.toString());

      System.out.printf("upsert cost: %,d rows with todoId into an empty table %.1f calls / 1,000 rows (%.1f UpdateItem);"
          + " again over them %.1f (%.1f UpdateItem)%n", ROWS, insert, perThousand(insertCalls, "UpdateItem"), update,
          perThousand(updateCalls, "UpdateItem"));
      for (Map<String, Long> calls : java.util.List.of(insertCalls, updateCalls)) {
        assertThat(perThousand(calls, "BatchGetItem")).isZero();
        assertThat(perThousand(calls, "BatchWriteItem")).isZero();
        assertThat(perThousand(calls, "UpdateItem")).isBetween(1000.0, 1020.0); // and the journal's few
      }
      assertThat(update).isLessThanOrEqualTo(1000 + 10); // 1,004.7 here: a row message holds many rows
      Todo kept = ((Result.Ok<Todo>) cloud.runtime().todoService().get("T-7")).value();
      assertThat(kept.name()).isEqualTo("renamed 7");
      assertThat(kept.completed()).isTrue();
      assertThat(kept.createdAt()).isEqualTo(java.time.Instant.parse("2026-01-08T00:00:00Z").toEpochMilli());
      assertThat(kept.attributes()).containsEntry("project", "home");
    }
  }

  private static Map<String, Long> insertCalls;
  private static Map<String, Long> updateCalls;

  private static double callsPerThousand(LocalCloud cloud, String key, String csv) {
    CallCounter.reset();
    String eTag = cloud.s3().putObject(r -> r.bucket(cloud.bucket()).key(key), RequestBody.fromString(csv)).eTag();
    ImportId id = ImportId.of(ObjectRef.of(cloud.bucket(), key, eTag));
    // polled on this thread, whose calls are not counted: on awaitility's own thread each look at the journal (a Query)
    // was counted as the import's, 52-76 per import, more the longer a loaded machine took
    ImportRecord record = await("the import of " + key + " ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
        .pollInSameThread().until(() -> cloud.runtime().journal().find(id), r -> r.isPresent() && r.get().status() != ImportStatus.RUNNING).orElseThrow();
    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    Map<String, Long> calls = CallCounter.snapshot();
    if (key.contains("created")) {
      insertCalls = calls;
    } else {
      updateCalls = calls;
    }
    long total = CallCounter.service(calls, "S3") + CallCounter.service(calls, "Sqs") + CallCounter.service(calls, "DynamoDb");
    return total * 1000.0 / ROWS;
  }

  private static double perThousand(Map<String, Long> calls, String operation) {
    return calls.getOrDefault("DynamoDb." + operation, 0L) * 1000.0 / ROWS;
  }
}
