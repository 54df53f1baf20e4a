package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The import at size and under repeated delivery: 50,000 rows, a file that outlasts one invocation, half the batch
 * writes throttled, a writer that dies before deleting, a notification delivered three times, a gzip file. A class
 * of their own so that the suite's two JVMs share the scenarios' minutes.
 */
abstract class ImportAtScaleScenarios extends PipelineScenarios {

  @Test
  void theSameNotificationDeliveredThreeTimesIsReadOnceAndWritesEachRowOnce() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/thrice.csv", csv(2_000).getBytes(StandardCharsets.UTF_8));
    cloud.notifyAgain(ref.key());
    cloud.notifyAgain(ref.key());

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(60));
    await("the duplicate notifications run to their end").atMost(Duration.ofSeconds(60))
        .until(() -> cloud.workInFlight() == 0 && depth(cloud, cloud.queueUrl()) == 0);

    assertExactly(cloud, ref, 2_000);
    assertThat(cloud.runtime().journal().find(ImportId.of(ref)).orElseThrow()).isEqualTo(record);
    assertThat(log).filteredOn(l -> l.contains(ImportId.of(ref).value()) && l.contains(" queued: ")).hasSize(1);
  }

  @Test
  void twoClientsUploadingTheSameFileToTheSameKeyAtOnceHaveItReadOnce() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    byte[] file = csv(20_000).getBytes(StandardCharsets.UTF_8);
    ExecutorService clients = Executors.newFixedThreadPool(2);
    List<Future<ObjectRef>> uploads = new ArrayList<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      for (int client = 0; client < 2; client++) {
        uploads.add(clients.submit(() -> {
          go.await();
          return upload(cloud, "import/twice-at-once.csv", file);
        }));
      }
      go.countDown();
      ObjectRef ref = uploads.get(0).get(30, TimeUnit.SECONDS);
      assertThat(uploads.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(ref); // the same bytes: the same import

      awaitFinished(cloud, ref, Duration.ofSeconds(120));
      assertExactly(cloud, ref, 20_000);
      String id = ImportId.of(ref).value();
      await("both notifications handled").atMost(Duration.ofSeconds(30)).until(() -> cloud.workInFlight() == 0);
      // one run read the file; the other notification found it being read (or read) and queued nothing (where the
      // notifications come from listing the bucket, as against LocalStack, the two uploads may make one)
      assertThat(log).filteredOn(l -> l.contains(id) && l.contains(" queued: ")).hasSize(1);
      assertThat(log).filteredOn(l -> l.contains(id) && (l.contains("being read by another run") || l.contains("already imported")))
          .hasSizeLessThanOrEqualTo(1);
      assertThat(log).noneMatch(l -> l.contains("is not authorized")); // each call the claim makes, the role allows
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aConsumerThatDiesBeforeDeletingIsRedeliveredWithoutDuplicates() throws Exception {
    LocalCloud cloud = cloud(o -> o.consumerCrashes(2).visibilityTimeout(Duration.ofSeconds(2)).maxMessageBytes(16 * 1024));
    ObjectRef ref = upload(cloud, "import/crashing.csv", csv(3_000).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(90));

    assertExactly(cloud, ref, 3_000);
    assertThat(log).anyMatch(l -> l.contains("(fault) the container died"));
  }

  @Test
  void halfOfTheBatchWritesThrottledLosesNothing() throws Exception {
    LocalCloud cloud = cloud(o -> o.throttleBatchWrites(0.5).maxMessageBytes(32 * 1024));
    // 40 BatchWriteItem calls' worth: the SDK waits out each throttle (up to a second), so the rows set the test's length
    ObjectRef ref = upload(cloud, "import/throttled.csv", csv(1_000).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(120));

    assertExactly(cloud, ref, 1_000);
    assertThat(cloud.faults().throttledBatchWrites()).isGreaterThan(20);
  }

  @Test
  void aFileThatOutlastsOneInvocationContinuesWithExactCounts() throws Exception {
    LocalCloud cloud = cloud(o -> o.importerTimeout(Duration.ofMillis(2_600), Duration.ofMillis(2_500)).maxMessageBytes(8 * 1024));
    ObjectRef ref = upload(cloud, "import/long.csv", csv(20_000).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(120));

    assertExactly(cloud, ref, 20_000);
    assertThat(log.stream().filter(l -> l.startsWith("[ImportContinuation]") && l.contains("paused")).count()
        + log.stream().filter(l -> l.startsWith("[S3ToSqs]") && l.contains("paused")).count()).isGreaterThan(1);
  }

  @Test
  void aFileOfFiftyThousandRows() throws Exception {
    int rows = Integer.getInteger("todo.it.scaleRows", 50_000); // -Dtodo.it.scaleRows=100000: the size the suite ran until 2026-12-07
    LocalCloud cloud = cloud(o -> o.maxConcurrency(2));
    ObjectRef ref = upload(cloud, "import/fifty-thousand.csv", csv(rows).getBytes(StandardCharsets.UTF_8));

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(240));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    assertExactly(cloud, ref, rows);
  }

  @Test
  void aGzipFile() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(csv(5_000).getBytes(StandardCharsets.UTF_8));
    }
    ObjectRef ref = upload(cloud, "import/compressed.csv.gz", bytes.toByteArray());

    awaitFinished(cloud, ref, Duration.ofSeconds(60));

    assertExactly(cloud, ref, 5_000);
  }
}
