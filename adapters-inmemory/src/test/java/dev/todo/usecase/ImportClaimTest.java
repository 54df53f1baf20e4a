package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.ErrorReport;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.MalformedMessageException;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.RowMessageCodec;
import dev.todo.domain.TodoPatch;
import dev.todo.domain.TodoRow;
import dev.todo.inmemory.InMemoryContinuations.Scheduled;
import dev.todo.ports.Continuations.Turn;
import dev.todo.ports.Deadline;
import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One run at a time reads a file: duplicate notifications, runs that die holding the import, runs taken over. */
class ImportClaimTest {

  private static final ImportSettings SMALL = new ImportSettings(1024, 3);

  @Test
  void aSecondNotificationWhileTheFirstRunReadsQueuesNothingAndLooksAgainOnceTheClaimWouldRunOut() throws Exception {
    Pipeline p = new Pipeline(SMALL);
    ObjectRef ref = p.upload("import/twice-at-once.csv", Pipeline.csv(500));
    List<ImportOutcome> second = new ArrayList<>();
    Deadline duplicateArrivesMidway = () -> {
      if (second.isEmpty()) {
        second.add(unchecked(() -> p.importer.start(ref, Deadline.NONE)));
      }
      return false;
    };

    assertThat(p.importer.start(ref, duplicateArrivesMidway)).isInstanceOf(ImportOutcome.Queued.class);

    assertThat(second.get(0)).isInstanceOfSatisfying(ImportOutcome.Deferred.class,
        d -> assertThat(d.until()).isEqualTo(Pipeline.CLOCK.millis() + ReadingClaims.LEASE.toMillis()));
    Scheduled lookAgain = p.continuations.take().orElseThrow();
    assertThat(lookAgain).isEqualTo(new Scheduled(Turn.lookAgain(ref), ReadingClaims.LEASE.plusSeconds(1)));
    assertThat(p.importer.take(lookAgain.turn(), Deadline.NONE)).isInstanceOf(ImportOutcome.AlreadyImported.class);
    assertThat(p.continuations.take()).isEmpty();
    assertThat(lines(p)).hasSize(500).doesNotHaveDuplicates();
  }

  @Test
  void ofFourNotificationsOfOneUploadAtOnceOneRunReadsTheFileAndEachRowIsQueuedOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 10; round++) {
        Pipeline p = new Pipeline(new ImportSettings(4096, 2));
        ObjectRef ref = p.upload("import/raced.csv", Pipeline.csv(5_000));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ImportOutcome>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          runs.add(pool.submit(() -> {
            go.await();
            return p.importer.start(ref, Deadline.NONE);
          }));
        }
        go.countDown();
        List<ImportOutcome> outcomes = new ArrayList<>();
        for (Future<ImportOutcome> run : runs) {
          outcomes.add(run.get(30, TimeUnit.SECONDS));
        }
        assertThat(outcomes).filteredOn(o -> o instanceof ImportOutcome.Queued).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ImportOutcome.Deferred || o instanceof ImportOutcome.AlreadyImported)
            .hasSize(3);
        assertThat(lines(p)).hasSize(5_000).doesNotHaveDuplicates();
        assertThat(p.journal.find(ImportId.of(ref)).orElseThrow().progress()).isEqualTo(new ImportProgress(5_000, 5_000, 0));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRunThatDiedHoldingTheImportIsTakenOverFromItsLastCheckpointOnceItsClaimRunsOut() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-02T03:04:05Z"));
    Pipeline p = new Pipeline(SMALL, clock);
    ObjectRef ref = p.upload("import/died.csv", withBadRows(1_000));
    AtomicInteger checks = new AtomicInteger();
    assertThat(p.importer.start(ref, () -> checks.incrementAndGet() == 2)).isInstanceOf(ImportOutcome.Paused.class);
    Turn goOn = p.continuations.take().orElseThrow().turn();

    // the continuation sends three times and its process dies right after the third, before it records it: nothing in
    // the run gives its claim up
    ImportService dying = new ImportService(p.objects, diesAfterSend(3, p.queue), p.journal, p.continuations, clock, SMALL);
    assertThatThrownBy(() -> dying.take(goOn, Deadline.NONE)).isInstanceOf(ProcessDied.class);
    List<QueueMessage> queued = p.queue.messages();
    assertThat(queued).hasSize(5 * SMALL.messagesPerSend()); // two sends by the first run, three by the dead one
    long lastLineOfTheDead = RowMessageCodec.decode(queued.get(queued.size() - 1).body()).rows().get(0).line();
    p.drainIntoTable(); // what both queued is written, and then a person renames a todo of the unrecorded send
    String edited = ImportId.of(ref).todoIdForLine(lastLineOfTheDead);
    p.todos.update(new TodoPatch(edited, Optional.of("renamed by a person"), Optional.empty(), Optional.empty(), 9,
        Map.of(), Optional.empty()), Set.of());
    // a duplicate notification, or the platform's retry, finds the dead run's claim standing
    clock.advance(Duration.ofSeconds(10));
    assertThat(p.importer.start(ref, Deadline.NONE)).isInstanceOf(ImportOutcome.Deferred.class);
    Scheduled lookAgain = p.continuations.take().orElseThrow();
    assertThat(lookAgain.delay()).isEqualTo(ReadingClaims.LEASE.minusSeconds(10).plusSeconds(1));

    clock.advance(lookAgain.delay());
    assertThat(p.importer.take(lookAgain.turn(), Deadline.NONE)).isInstanceOf(ImportOutcome.Queued.class);

    // the run that took over read on from the checkpoint, sent nothing of the two sends the dead one recorded (they are
    // on the queue or written), and sent its unrecorded one again, marked as such; then the rest as new
    List<QueueMessage> sent = p.queue.messages();
    assertThat(RowMessageCodec.decode(sent.get(0).body()).rows().get(0).line()).isEqualTo(
        RowMessageCodec.decode(queued.get(4 * SMALL.messagesPerSend()).body()).rows().get(0).line());
    List<Boolean> marked = new ArrayList<>();
    for (QueueMessage m : sent) {
      marked.add(RowMessageCodec.decode(m.body()).again());
    }
    assertThat(marked.subList(0, SMALL.messagesPerSend())).containsOnly(true);
    assertThat(marked.subList(SMALL.messagesPerSend(), marked.size())).containsOnly(false).isNotEmpty();
    assertFinishedExactly(p, ref);
    assertThat(p.todos.get(edited).orElseThrow().name()).isEqualTo("renamed by a person");
    assertThat(p.importer.take(goOn, Deadline.NONE)).as("the dead run's own turn, back from the queue")
        .isInstanceOf(ImportOutcome.AlreadyImported.class);
  }

  @Test
  void aRunThatDiedBetweenTwoSendsLeavesTheOneTakingOverNothingToSendAgain() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-02T03:04:05Z"));
    Pipeline p = new Pipeline(SMALL, clock);
    ObjectRef ref = p.upload("import/died-reading.csv", withBadRows(1_000));
    AtomicInteger checks = new AtomicInteger();
    Deadline diesAfterTwoSends = () -> { // the deadline is looked at after each recorded send
      if (checks.incrementAndGet() == 2) {
        throw new ProcessDied();
      }
      return false;
    };
    assertThatThrownBy(() -> p.importer.start(ref, diesAfterTwoSends)).isInstanceOf(ProcessDied.class);
    List<QueueMessage> queued = p.queue.drain();
    assertThat(queued).hasSize(2 * SMALL.messagesPerSend());

    clock.advance(ReadingClaims.LEASE.plusSeconds(1));
    assertThat(p.importer.start(ref, Deadline.NONE)).isInstanceOf(ImportOutcome.Queued.class);

    List<QueueMessage> sent = p.queue.messages();
    assertThat(RowMessageCodec.decode(sent.get(0).body()).rows().get(0).line())
        .isGreaterThan(RowMessageCodec.decode(queued.get(queued.size() - 1).body()).rows().get(0).line());
    for (QueueMessage m : sent) {
      assertThat(RowMessageCodec.decode(m.body()).again()).isFalse();
    }
    p.queue.send(queued); // what the dead run sent, still on the queue
    assertFinishedExactly(p, ref);
  }

  @Test
  void aLiveRunTakenOverAfterFallingSilentStopsAtItsNextSend() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-02T03:04:05Z"));
    Pipeline p = new Pipeline(SMALL, clock);
    ObjectRef ref = p.upload("import/silent.csv", withBadRows(1_000));
    List<ImportOutcome> other = new ArrayList<>();
    Deadline fallsSilent = () -> { // after its first send, the run stalls past its lease and another takes over
      if (other.isEmpty()) {
        clock.advance(ReadingClaims.LEASE.plusSeconds(1));
        other.add(unchecked(() -> p.importer.take(Turn.lookAgain(ref), Deadline.NONE)));
      }
      return false;
    };

    assertThat(p.importer.start(ref, fallsSilent)).isInstanceOf(ImportOutcome.AlreadyImported.class);

    assertThat(other.get(0)).isInstanceOf(ImportOutcome.Queued.class);
    assertThat(lines(p).stream().distinct().count()).isEqualTo(990);
    assertFinishedExactly(p, ref);
  }

  @Test
  void aLongStretchOfRejectedRowsStillRecordsProgressKeepsTheClaimAndStopsAtTheDeadline() throws Exception {
    Pipeline p = new Pipeline();
    int rows = 2 * ImportService.ROWS_BETWEEN_CHECKS + 50_000;
    StringBuilder csv = new StringBuilder("name,completed\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i < rows - 10 ? "rejected,perhaps\n" : "kept,true\n");
    }
    ObjectRef ref = p.upload("import/mostly-rejected.csv", csv.toString());
    List<Long> recordedAtEachCheck = new ArrayList<>();
    Deadline everyCheck = () -> {
      recordedAtEachCheck.add(p.journal.find(ImportId.of(ref)).orElseThrow().progress().rowsRead());
      return true;
    };

    ImportOutcome outcome = p.importer.start(ref, everyCheck);
    int runs = 1;
    while (outcome instanceof ImportOutcome.Paused) {
      outcome = p.importer.take(p.continuations.take().orElseThrow().turn(), everyCheck);
      runs++;
    }

    // no message was filled before the last rows, yet each 100,000 rows the run recorded them and could stop
    assertThat(recordedAtEachCheck).containsExactly(100_000L, 200_000L);
    assertThat(runs).isEqualTo(3);
    ImportRecord record = ((ImportOutcome.Queued) outcome).record();
    assertThat(record.progress()).isEqualTo(new ImportProgress(rows, 10, rows - 10));
    assertThat(lines(p)).hasSize(10);
    List<String> listed = p.objects.readErrorReport(ref).orElseThrow().lines().skip(1).toList();
    assertThat(listed).hasSize(ErrorReport.MAX_LISTED + 1).last().asString().contains("more rejected rows are not listed");
    assertThat(listed.stream().limit(ErrorReport.MAX_LISTED).map(l -> l.substring(0, l.indexOf(','))).distinct())
        .hasSize(ErrorReport.MAX_LISTED); // each once, across the three runs
  }

  /** Every row counted once and written, each bad one reported once, and the import completes. */
  private static void assertFinishedExactly(Pipeline p, ObjectRef ref) {
    ImportRecord record = p.journal.find(ImportId.of(ref)).orElseThrow();
    assertThat(record.progress()).isEqualTo(new ImportProgress(1_000, 990, 10));
    String report = p.objects.readErrorReport(ref).orElseThrow();
    assertThat(report.lines().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsExactly(
        "97", "194", "291", "388", "485", "582", "679", "776", "873", "970");
    p.drainIntoTable();
    assertThat(p.todos.size()).isEqualTo(990);
    assertThat(p.journal.find(ImportId.of(ref)).orElseThrow().status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
  }

  /** {@code rows} rows under a header, every 97th one with a {@code completed} that is not a boolean. */
  private static String withBadRows(int rows) {
    StringBuilder csv = new StringBuilder("name,completed\n");
    for (int line = 2; line <= rows + 1; line++) {
      csv.append("task ").append(line).append(',').append(line % 97 == 0 ? "perhaps" : "false").append('\n');
    }
    return csv.toString();
  }

  private static List<Long> lines(Pipeline p) throws MalformedMessageException {
    List<Long> lines = new ArrayList<>();
    for (QueueMessage m : p.queue.messages()) {
      for (TodoRow row : RowMessageCodec.decode(m.body()).rows()) {
        lines.add(row.line());
      }
    }
    return Collections.unmodifiableList(lines);
  }

  /**
   * A queue whose process dies right after send {@code n} is taken (an {@link Error}, as a killed process leaves no
   * chance to clean up or to record the send).
   */
  private static RowQueue diesAfterSend(int n, RowQueue queue) {
    AtomicInteger sends = new AtomicInteger();
    return messages -> {
      List<String> failed = queue.send(messages);
      if (sends.incrementAndGet() >= n) {
        throw new ProcessDied();
      }
      return failed;
    };
  }

  private static final class ProcessDied extends Error {
  }

  /** A run started from inside another run's deadline check, which cannot throw what a run throws. */
  private interface Run {
    ImportOutcome run() throws java.io.IOException;
  }

  private static ImportOutcome unchecked(Run run) {
    try {
      return run.run();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
