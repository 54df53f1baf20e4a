package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.Compression;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.ReadPosition;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.InvalidPageTokenException;
import dev.todo.ports.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** What every {@link ImportJournal} must do; each test starts an import of its own. */
public abstract class ImportJournalContract {

  protected abstract ImportJournal journal();

  private static ImportRecord fresh() {
    return ImportRecord.started(ObjectRef.of("imports", "import/" + UUID.randomUUID() + ".csv", "etag"), 1_000);
  }

  @Test
  void beginCreatesARecordOnceAndReturnsTheStoredOneAfter() {
    ImportRecord first = fresh();
    assertThat(journal().begin(first)).isEqualTo(first);
    ImportRecord later = ImportRecord.started(first.source(), 9_999);
    assertThat(journal().begin(later)).isEqualTo(first);
    assertThat(journal().find(first.importId())).contains(first);
  }

  @Test
  void deadLetteredRowsCountAsFailedUntilARedriveWritesThemAndTheStatusSaysSo() {
    ImportRecord r = journal().begin(fresh());
    ImportId id = r.importId();
    journal().finishProducer(id, new ImportProgress(10, 9, 1), Optional.empty(), 2_000);
    journal().recordWritten(List.of(new ImportJournal.Written(id, "a", 4)), 3_000);
    journal().recordDeadLettered(List.of(new ImportJournal.Written(id, "b", 5)), 3_100);
    journal().recordDeadLettered(List.of(new ImportJournal.Written(id, "b", 5)), 3_200); // dead-lettered again after a redrive

    ImportRecord partial = journal().find(id).orElseThrow();
    assertThat(partial.rowsWritten()).isEqualTo(4);
    assertThat(partial.rowsFailed()).isEqualTo(5);
    assertThat(partial.status()).isEqualTo(ImportStatus.PARTIALLY_FAILED);

    journal().recordWritten(List.of(new ImportJournal.Written(id, "b", 5)), 4_000); // the redrive that works
    journal().recordDeadLettered(List.of(new ImportJournal.Written(id, "b", 5)), 4_100); // a late duplicate of a failure

    ImportRecord done = journal().find(id).orElseThrow();
    assertThat(done.rowsWritten()).isEqualTo(9);
    assertThat(done.rowsFailed()).isZero();
    assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
  }

  @Test
  void importsAreListedMostRecentFirstPagedAndByObjectKey() {
    String key = "import/listed-" + UUID.randomUUID() + ".csv";
    long base = 5_000_000_000_000L + (UUID.randomUUID().getMostSignificantBits() & 0xffffffL) * 1_000; // after other tests'
    List<ImportRecord> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ObjectRef ref = ObjectRef.of("imports", i < 3 ? key : "import/other-" + UUID.randomUUID() + ".csv", "etag-" + i);
      mine.add(journal().begin(ImportRecord.started(ref, base + i * 10)));
    }
    journal().recordWritten(List.of(new ImportJournal.Written(mine.get(2).importId(), "m", 7)), base + 100);

    Page<ImportRecord> first = journal().list(2, Optional.of(key), Optional.empty());
    assertThat(first.items()).extracting(ImportRecord::importId).containsExactly(mine.get(2).importId(), mine.get(1).importId());
    assertThat(first.items().get(0).rowsWritten()).isEqualTo(7); // with the counters, as find has them
    Page<ImportRecord> second = journal().list(2, Optional.of(key), first.nextToken());
    assertThat(second.items()).extracting(ImportRecord::importId).containsExactly(mine.get(0).importId());
    assertThat(second.nextToken()).isEmpty();

    Page<ImportRecord> all = journal().list(3, Optional.empty(), Optional.empty());
    assertThat(all.items()).extracting(ImportRecord::importId)
        .containsExactly(mine.get(4).importId(), mine.get(3).importId(), mine.get(2).importId());
    assertThat(journal().list(1, Optional.of("import/never-" + UUID.randomUUID()), Optional.empty()).items()).isEmpty();
  }

  @Test
  void aForgedImportPageTokenIsRejected() {
    assertThatThrownBy(() -> journal().list(2, Optional.empty(), Optional.of("forged")))
        .isInstanceOf(InvalidPageTokenException.class);
  }

  @Test
  void anUnknownImportIsEmpty() {
    assertThat(journal().find(new ImportId("never-started"))).isEmpty();
  }

  @Test
  void progressOnlyMovesForward() {
    ImportRecord r = journal().begin(fresh());
    claimed(r.importId(), "a", 1_000);
    assertThat(journal().recordProgress(r.importId(), "a", new ImportProgress(10, 8, 2), 61_000)).isTrue();
    assertThat(journal().recordProgress(r.importId(), "a", new ImportProgress(5, 4, 1), 62_000)).isTrue();
    assertThat(journal().find(r.importId()).orElseThrow().progress()).isEqualTo(new ImportProgress(10, 8, 2));
  }

  @Test
  void oneRunReadsAtATimeAndAClaimLeftToRunOutIsTakenOver() {
    ImportId id = journal().begin(fresh()).importId();
    ImportJournal.Claim.Claimed first = claimed(id, "a", 1_000);
    assertThat(first.resumeFrom()).isEmpty();
    assertThat(first.sendingThrough()).isZero();
    assertThat(journal().claimProducer(id, "b", 2_000, 62_000)).isInstanceOfSatisfying(ImportJournal.Claim.Held.class,
        held -> assertThat(held.until()).isEqualTo(61_000));
    claimed(id, "a", 3_000); // the holder claiming again extends its claim
    assertThat(journal().recordSending(id, "a", 45, 69_000)).isTrue(); // and so do its sends
    assertThat(journal().recordProgress(id, "a", new ImportProgress(40, 40, 0), 70_000)).isTrue(); // and its progress
    assertThat(journal().claimProducer(id, "b", 69_000, 129_000)).isInstanceOfSatisfying(ImportJournal.Claim.Held.class,
        held -> assertThat(held.until()).isEqualTo(70_000));

    // a went silent past its claim: b takes over, told that a may have sent up to row 45 without recording it
    assertThat(claimed(id, "b", 70_001).sendingThrough()).isEqualTo(45);
    assertThat(journal().recordSending(id, "a", 90, 140_000)).isFalse();
    assertThat(journal().recordProgress(id, "a", new ImportProgress(80, 80, 0), 140_000)).isFalse();
    assertThat(journal().recordPause(id, "a", checkpoint(id, 81), 140_000)).isFalse();
    journal().releaseProducer(id, "a"); // not a's to give up
    assertThat(journal().claimProducer(id, "c", 75_000, 135_000)).isInstanceOf(ImportJournal.Claim.Held.class);
    assertThat(journal().find(id).orElseThrow().progress()).isEqualTo(new ImportProgress(40, 40, 0));
  }

  @Test
  void aRunTakingOverBehindTheCountersExtendsItsClaimAndLowersNoCounter() {
    ImportId id = journal().begin(fresh()).importId();
    claimed(id, "a", 1_000);
    journal().recordProgress(id, "a", new ImportProgress(100, 90, 10), 61_000);
    claimed(id, "b", 61_001);
    assertThat(journal().recordProgress(id, "b", new ImportProgress(50, 45, 5), 200_000)).isTrue();
    assertThat(journal().claimProducer(id, "c", 150_000, 210_000)).isInstanceOfSatisfying(ImportJournal.Claim.Held.class,
        held -> assertThat(held.until()).isEqualTo(200_000));
    assertThat(journal().find(id).orElseThrow().progress()).isEqualTo(new ImportProgress(100, 90, 10));
  }

  @Test
  void aPauseLeavesItsCheckpointToTheNextRunGrantedTheClaim() {
    ImportId id = journal().begin(fresh()).importId();
    claimed(id, "a", 1_000);
    Checkpoint paused = checkpoint(id, 5_001);
    assertThat(journal().recordPause(id, "a", paused, 61_000)).isTrue();
    assertThat(claimed(id, "a", 2_000).resumeFrom()).contains(paused); // the run that paused, going on
    assertThat(claimed(id, "b", 62_001).resumeFrom()).contains(paused); // or a run that took over
  }

  @Test
  void aClaimGivenUpIsGrantedAtOnce() {
    ImportId id = journal().begin(fresh()).importId();
    claimed(id, "a", 1_000);
    journal().releaseProducer(id, "a");
    claimed(id, "b", 1_001);
  }

  @Test
  void nothingIsLeftToClaimOnceTheFileIsReadOrTheImportHasFailed() {
    ImportId read = journal().begin(fresh()).importId();
    claimed(read, "a", 1_000);
    journal().finishProducer(read, new ImportProgress(3, 3, 0), Optional.empty(), 2_000);
    assertThat(journal().claimProducer(read, "b", 100_000, 160_000)).isInstanceOf(ImportJournal.Claim.Over.class);
    assertThat(journal().recordProgress(read, "a", new ImportProgress(3, 3, 0), 160_000)).isFalse();

    ImportId failed = journal().begin(fresh()).importId();
    claimed(failed, "a", 1_000);
    journal().fail(failed, "the header has no 'name' column", 2_000);
    assertThat(journal().claimProducer(failed, "a", 3_000, 63_000)).isInstanceOf(ImportJournal.Claim.Over.class);
    assertThatThrownBy(() -> journal().claimProducer(new ImportId("never-begun"), "a", 1, 2))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void ofFourRunsClaimingAtOnceOneIsGranted() throws Exception {
    for (int round = 0; round < 5; round++) {
      ImportId id = journal().begin(fresh()).importId();
      List<ImportJournal.Claim> claims = java.util.Collections.synchronizedList(new ArrayList<>());
      onFourWorkers(worker -> claims.add(journal().claimProducer(id, "run-" + worker, 1_000, 61_000)));
      assertThat(claims).filteredOn(c -> c instanceof ImportJournal.Claim.Claimed).hasSize(1);
      assertThat(claims).filteredOn(c -> c instanceof ImportJournal.Claim.Held).hasSize(3);
    }
  }

  private ImportJournal.Claim.Claimed claimed(ImportId id, String run, long now) {
    ImportJournal.Claim claim = journal().claimProducer(id, run, now, now + 60_000);
    assertThat(claim).as(run + " at " + now).isInstanceOf(ImportJournal.Claim.Claimed.class);
    return (ImportJournal.Claim.Claimed) claim;
  }

  /** A checkpoint of the import at {@code line}, with a header, a compression and a delimiter of its own. */
  private Checkpoint checkpoint(ImportId id, long line) {
    return new Checkpoint(journal().find(id).orElseThrow().source(), new ReadPosition(line, line * 20), List.of("name", "Prïority"), Compression.GZIP,
        FileFormat.Kind.DELIMITED, ';', new ImportProgress(line - 2, line - 3, 1));
  }

  @Test
  void aBatchIsCountedOnceHoweverOftenItIsRecorded() {
    ImportRecord r = journal().begin(fresh());
    journal().recordWritten(r.importId(), r.importId() + ":2", 100, 2_000);
    journal().recordWritten(r.importId(), r.importId() + ":2", 100, 2_100);
    assertThat(journal().find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(100);
    assertThat(journal().find(r.importId()).orElseThrow().lastWrittenAt()).contains(2_000L);
    journal().recordWritten(r.importId(), r.importId() + ":102", 50, 2_200);
    ImportRecord stored = journal().find(r.importId()).orElseThrow();
    assertThat(stored.rowsWritten()).isEqualTo(150);
    assertThat(stored.lastWrittenAt()).contains(2_200L);
  }

  @Test
  void batchesRecordedTogetherAreEachCountedOnce() {
    ImportRecord r = journal().begin(fresh());
    ImportRecord other = journal().begin(fresh());
    journal().recordWritten(r.importId(), r.importId() + ":2", 10, 1_500);
    journal().recordWritten(List.of(
        new ImportJournal.Written(r.importId(), r.importId() + ":2", 10),
        new ImportJournal.Written(r.importId(), r.importId() + ":12", 20),
        new ImportJournal.Written(other.importId(), other.importId() + ":2", 5),
        new ImportJournal.Written(r.importId(), r.importId() + ":12", 20),
        new ImportJournal.Written(r.importId(), r.importId() + ":32", 30)), 2_000);
    assertThat(journal().find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(60);
    assertThat(journal().find(other.importId()).orElseThrow().rowsWritten()).isEqualTo(5);
    journal().recordWritten(List.of(new ImportJournal.Written(r.importId(), r.importId() + ":12", 20),
        new ImportJournal.Written(r.importId(), r.importId() + ":32", 30)), 3_000);
    assertThat(journal().find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(60);
    assertThat(journal().find(r.importId()).orElseThrow().lastWrittenAt()).contains(2_000L);
  }

  @Test
  void manyBatchesInOneRecordAreAllCounted() {
    ImportRecord r = journal().begin(fresh());
    List<ImportJournal.Written> batches = new ArrayList<>();
    for (int b = 0; b < 60; b++) {
      batches.add(new ImportJournal.Written(r.importId(), r.importId() + ":" + (2 + b * 10), 10));
    }
    journal().recordWritten(batches, 2_000);
    assertThat(journal().find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(600);
  }

  @Test
  void anImportOfAThousandBatchesIsCountedWhole() {
    ImportRecord r = journal().begin(fresh());
    List<ImportJournal.Written> batches = new ArrayList<>();
    for (int b = 0; b < 1_000; b++) {
      batches.add(new ImportJournal.Written(r.importId(), r.importId() + ":" + (2 + b * 1_200), 1_200));
    }
    journal().recordWritten(batches, 2_000);
    assertThat(journal().find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(1_200_000L);
  }

  @Test
  void batchesOfAnImportNeverBegunCreateNoRecord() {
    ImportId never = ImportRecord.started(ObjectRef.of("imports", "import/" + UUID.randomUUID() + ".csv", "etag"), 1).importId();
    journal().recordWritten(never, never + ":2", 10, 2_000);
    assertThat(journal().find(never)).isEmpty();
  }

  @Test
  void progressAndWrittenRowsDoNotOverwriteEachOther() {
    ImportRecord r = journal().begin(fresh());
    journal().recordWritten(r.importId(), r.importId() + ":2", 10, 2_000);
    claimed(r.importId(), "a", 1_000);
    journal().recordProgress(r.importId(), "a", new ImportProgress(30, 30, 0), 61_000);
    journal().recordWritten(r.importId(), r.importId() + ":12", 10, 2_100);
    journal().finishProducer(r.importId(), new ImportProgress(30, 30, 0), Optional.empty(), 2_200);
    assertThat(journal().begin(ImportRecord.started(r.source(), 9_999)).rowsWritten()).isEqualTo(20);
    journal().recordWritten(r.importId(), r.importId() + ":22", 10, 2_300);
    ImportRecord done = journal().find(r.importId()).orElseThrow();
    assertThat(done.progress()).isEqualTo(new ImportProgress(30, 30, 0));
    assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(done.finishedAt()).contains(2_300L);
  }

  @Test
  void concurrentBatchesOfTheSameImportCountEachOnce() throws Exception {
    ImportRecord r = journal().begin(fresh());
    onFourWorkers(worker -> {
      int offset = worker % 2; // two workers record the same batches as two others
      for (int round = 0; round < 5; round++) {
        List<ImportJournal.Written> batches = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
          batches.add(new ImportJournal.Written(r.importId(), r.importId() + ":" + (offset * 1000 + round * 10 + b), 3));
        }
        journal().recordWritten(batches, 3_000);
      }
    });
    assertThat(journal().find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(2 * 50 * 3);
  }

  @Test
  void concurrentRecordsOfTheSameBatchesCountEachOnce() throws Exception {
    ImportRecord r = journal().begin(fresh());
    onFourWorkers(worker -> {
      for (int batch = 0; batch < 20; batch++) {
        journal().recordWritten(r.importId(), r.importId() + ":" + batch, 7, 3_000);
      }
    });
    assertThat(journal().find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(20 * 7);
  }

  @Test
  void completesOnceTheProducerHasFinishedAndEveryQueuedRowIsWritten() {
    ImportRecord r = journal().begin(fresh());
    journal().recordWritten(r.importId(), r.importId() + ":2", 3, 1_500);
    journal().finishProducer(r.importId(), new ImportProgress(6, 5, 1), Optional.of("mem://report"), 2_000);
    ImportRecord midway = journal().find(r.importId()).orElseThrow();
    assertThat(midway.status()).isEqualTo(ImportStatus.RUNNING);
    assertThat(midway.errorReport()).contains("mem://report");
    journal().recordWritten(r.importId(), r.importId() + ":5", 2, 2_500);
    ImportRecord done = journal().find(r.importId()).orElseThrow();
    assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(done.progress()).isEqualTo(new ImportProgress(6, 5, 1));
    assertThat(done.rowsWritten()).isEqualTo(5);
    assertThat(done.finishedAt()).contains(2_500L);
  }

  @Test
  void aFailedImportKeepsItsReason() {
    ImportRecord r = journal().begin(fresh());
    journal().fail(r.importId(), "the header has no 'name' column", 4_000);
    ImportRecord failed = journal().find(r.importId()).orElseThrow();
    assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
    assertThat(failed.failure()).contains("the header has no 'name' column");
    assertThat(failed.finishedAt()).contains(4_000L);
    assertThat(failed.producerDone()).isTrue();
  }

  /** Runs {@code work} on four threads at once (each gets its number, 0 to 3) and waits for all of them. */
  private static void onFourWorkers(IntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        int number = worker;
        futures.add(pool.submit(() -> work.accept(number)));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anImportsEndIsAnnouncedOncePerFinalStatusAndTheMarkLeavesItsCountersAlone() {
    ImportRecord r = journal().begin(fresh());
    claimed(r.importId(), "a", 1_000);
    journal().recordProgress(r.importId(), "a", new ImportProgress(3, 3, 0), 61_000);
    journal().recordWritten(r.importId(), "m1", 3, 2_000);
    assertThat(journal().announced(r.importId(), dev.todo.domain.ImportStatus.COMPLETED)).isFalse();

    journal().markAnnounced(r.importId(), dev.todo.domain.ImportStatus.PARTIALLY_FAILED, 3_000);

    assertThat(journal().announced(r.importId(), dev.todo.domain.ImportStatus.PARTIALLY_FAILED)).isTrue();
    assertThat(journal().announced(r.importId(), dev.todo.domain.ImportStatus.COMPLETED)).isFalse();
    ImportRecord after = journal().find(r.importId()).orElseThrow();
    assertThat(after.rowsWritten()).isEqualTo(3);
    assertThat(after.rowsFailed()).isZero();
    assertThat(after.lastWrittenAt()).contains(2_000L);
  }
}
