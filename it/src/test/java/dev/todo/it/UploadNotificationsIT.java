package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.ports.Page;
import dev.todo.services.LocalServices;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One import per upload, as S3 notifies one event per write: many uploads at once, to distinct keys and over one key
 * again and again, each become exactly one import (an upload is a key and an ETag), and nothing else does. An upload
 * overwritten before its import read it ends FAILED with that reason, as it would on an unversioned bucket.
 */
class UploadNotificationsIT {

  private static final int UPLOADS = 1_000;

  @Test
  void aThousandUploadsOfOneKeyAndOfDistinctKeysAreOneImportEach() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts()
        .external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8)).withoutEvents(), line -> { })) {
      Set<ObjectRef> uploaded = ConcurrentHashMap.newKeySet();
      ObjectRef last = null;
      ExecutorService uploaders = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> puts = IntStream.range(0, UPLOADS).<Future<?>>mapToObj(i -> uploaders.submit(() -> {
          uploaded.add(upload(cloud, "import/many/file-" + i + ".csv", "name\ndistinct " + i + "\n"));
        })).toList();
        for (int i = 0; i < UPLOADS; i++) { // one key overwritten while the others arrive: every version is an upload
          last = upload(cloud, "import/same.csv", "name\nversion " + i + "\n");
          uploaded.add(last);
        }
        for (Future<?> put : puts) {
          put.get();
        }
      } finally {
        uploaders.shutdownNow();
      }
      assertThat(uploaded).hasSize(2 * UPLOADS);

      Set<ImportId> expected = new HashSet<>();
      uploaded.forEach(ref -> expected.add(ImportId.of(ref)));
      // every import ended and nothing left in flight: an import of a name nobody uploaded would be listed by now
      await("every upload's import ends").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
          .until(() -> all(cloud).stream().filter(r -> r.status() != ImportStatus.RUNNING).count() >= expected.size()
              && cloud.workInFlight() == 0);

      List<ImportRecord> imports = all(cloud);
      assertThat(imports).extracting(ImportRecord::importId).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected);
      ImportId newest = ImportId.of(last);
      assertThat(imports).allSatisfy(r -> {
        if (r.status() == ImportStatus.FAILED) { // without versioning S3 keeps only the newest of a key's uploads
          assertThat(r.source().key()).isEqualTo("import/same.csv");
          assertThat(r.importId()).isNotEqualTo(newest);
          assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).endsWith("has been overwritten since it was uploaded"));
        } else {
          assertThat(r.status()).isEqualTo(ImportStatus.COMPLETED);
          assertThat(r.rowsWritten()).isEqualTo(1);
        }
      });
    }
  }

  @Test
  void theLocalUploadLinkPromisesWhatTheLocalS3Takes() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts()
        .external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8)).withoutEvents(), line -> { })) {
      java.net.http.HttpResponse<String> link = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(cloud.apiEndpoint() + "/imports"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"fileName\":\"big.csv\"}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(link.statusCode()).isEqualTo(201);
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(link.body()).get("maxBytes").asLong())
          .isEqualTo((long) LocalServices.MAX_UPLOAD_MB << 20);
    }
  }

  private static ObjectRef upload(LocalCloud cloud, String key, String csv) {
    String eTag = cloud.s3().putObject(r -> r.bucket(cloud.bucket()).key(key), RequestBody.fromString(csv)).eTag();
    return ObjectRef.of(cloud.bucket(), key, eTag);
  }

  private static List<ImportRecord> all(LocalCloud cloud) {
    List<ImportRecord> all = new java.util.ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Page<ImportRecord> page = cloud.runtime().journal().list(100, Optional.empty(), token);
      all.addAll(page.items());
      token = page.nextToken();
    } while (token.isPresent());
    return all;
  }
}
