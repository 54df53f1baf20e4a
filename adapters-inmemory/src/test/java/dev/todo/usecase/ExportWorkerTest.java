package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.ExportFilter;
import dev.todo.domain.ExportFormat;
import dev.todo.domain.ExportRecord;
import dev.todo.domain.ExportStatus;
import dev.todo.domain.Todo;
import dev.todo.inmemory.InMemoryExportFiles;
import dev.todo.inmemory.InMemoryExportTasks;
import dev.todo.inmemory.InMemoryTodoRepository;
import dev.todo.ports.Deadline;
import dev.todo.ports.ExportTasks.ExportTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExportWorkerTest {

  private static final int TODOS = 2_000;
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T05:30:00Z"), ZoneOffset.UTC);
  private final InMemoryTodoRepository repository = new InMemoryTodoRepository();
  private final InMemoryExportFiles files = new InMemoryExportFiles();
  private final InMemoryExportTasks tasks = new InMemoryExportTasks();
  /** Small pages and parts, so an export of 2,000 todos has many of each. */
  private final ExportSettings settings = new ExportSettings(4, 50, 8_000);
  private final ExportDesk desk = new ExportDesk(files, tasks, clock, settings);
  private final ExportWorker worker = new ExportWorker(files, repository, tasks, clock, settings);

  ExportWorkerTest() {
    List<Todo> todos = new ArrayList<>();
    for (int i = 0; i < TODOS; i++) {
      Map<String, String> attributes = new HashMap<>();
      attributes.put(i % 3 == 0 ? "project" : "color", "v" + i);
      if (i == 1_999) {
        attributes.put("only, \"one\"", "last");
      }
      attributes.put(Todo.IMPORT_ID, i < 500 ? "first-import" : "second-import");
      todos.add(new Todo("T-" + i, "task " + i, i % 2 == 0, 1_000L * i, 2_000L * i, attributes, 3));
    }
    repository.writeBatch(todos);
  }

  @Test
  void anExportWritesEveryTodoOnceUnderTheUnionOfTheirAttributes() throws Exception {
    ExportRecord started = desk.start(ExportFilter.ALL, ExportFormat.CSV);
    assertThat(started.status()).isEqualTo(ExportStatus.RUNNING);
    assertThat(started.key()).isEqualTo("export/" + started.exportId() + ".csv");

    drain(Deadline.NONE);

    ExportRecord done = ((Result.Ok<ExportRecord>) desk.find(started.exportId())).value();
    assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
    assertThat(done.rows()).isEqualTo(TODOS);
    assertThat(done.segmentsDone()).isEqualTo(4);
    String csv = new String(files.get(done.key()).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(done.bytes()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("todoId,name,completed,createdAt,updatedAt,color,\"only, \"\"one\"\"\",project");
    assertThat(lines).hasSize(TODOS + 1).contains("T-3,task 3,false,1970-01-01T00:00:03Z,1970-01-01T00:00:06Z,,,v3");
    assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct()).hasSize(TODOS);
    assertThat(files.sizes().keySet()).as("the parts are gone").noneMatch(k -> k.contains("/parts/"));
    assertThat(desk.downloadLink(done)).isPresent();
  }

  @Test
  void aFilterTakesOnlyTheTodosItMatches() throws Exception {
    ExportRecord started = desk.start(new ExportFilter(Optional.of(true), Optional.of("first-import")), ExportFormat.JSONL);

    drain(Deadline.NONE);

    ExportRecord done = ((Result.Ok<ExportRecord>) desk.find(started.exportId())).value();
    String jsonl = new String(files.get(done.key()).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(done.rows()).isEqualTo(250);
    assertThat(jsonl.lines()).hasSize(250).allMatch(l -> l.contains("\"completed\":true")).noneMatch(l -> l.contains("importId"));
  }

  @Test
  void runsStoppedByTheirDeadlineAfterEveryPageGoOnWithoutRepeatingOrSkippingATodo() throws Exception {
    ExportRecord started = desk.start(ExportFilter.ALL, ExportFormat.TSV);

    int runs = drain(() -> true);

    ExportRecord done = ((Result.Ok<ExportRecord>) desk.find(started.exportId())).value();
    assertThat(runs).isGreaterThan(TODOS / 50);
    assertThat(done.rows()).isEqualTo(TODOS);
    List<String> lines = new String(files.get(done.key()).orElseThrow(), StandardCharsets.UTF_8).lines().skip(1).toList();
    assertThat(lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).distinct()).hasSize(TODOS);
  }

  @Test
  void aRunKilledAfterWritingAPartButBeforeItsStateGoesOnFromTheLastStateOnce() throws Exception {
    AtomicInteger puts = new AtomicInteger();
    InMemoryExportFiles failing = new InMemoryExportFiles() {
      @Override
      public void put(String key, byte[] content) {
        super.put(key, content);
        if (key.contains("/parts/") && puts.incrementAndGet() % 3 == 0) {
          throw new UncheckedIOException(new IOException("killed after writing " + key));
        }
      }
    };
    ExportDesk failingDesk = new ExportDesk(failing, tasks, clock, settings);
    ExportWorker failingWorker = new ExportWorker(failing, repository, tasks, clock, settings);
    ExportRecord started = failingDesk.start(ExportFilter.ALL, ExportFormat.CSV);

    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      try {
        failingWorker.run(task.get(), Deadline.NONE);
      } catch (UncheckedIOException e) {
        tasks.send(task.get()); // what the queue does: the message comes back
      }
    }

    ExportRecord done = ((Result.Ok<ExportRecord>) failingDesk.find(started.exportId())).value();
    assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
    assertThat(done.rows()).isEqualTo(TODOS);
    List<String> lines = new String(failing.get(done.key()).orElseThrow(), StandardCharsets.UTF_8).lines().skip(1).toList();
    assertThat(lines).hasSize(TODOS);
    assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(','))).distinct()).hasSize(TODOS);
  }

  @Test
  void everyTaskDeliveredTwiceMakesTheSameFile() throws Exception {
    ExportRecord started = desk.start(ExportFilter.ALL, ExportFormat.CSV);
    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      worker.run(task.get(), Deadline.NONE);
      worker.run(task.get(), Deadline.NONE);
    }

    ExportRecord done = ((Result.Ok<ExportRecord>) desk.find(started.exportId())).value();
    assertThat(done.rows()).isEqualTo(TODOS);
    assertThat(new String(files.get(done.key()).orElseThrow(), StandardCharsets.UTF_8).lines()).hasSize(TODOS + 1);
  }

  @Test
  void anAssemblyUnderWayIsLeftToItAndOneWhoseClaimIsStaleIsTakenOver() throws Exception {
    AtomicInteger files = new AtomicInteger();
    InMemoryExportFiles counting = new InMemoryExportFiles() {
      @Override
      public Upload create(String key, String contentType) {
        files.incrementAndGet();
        return super.create(key, contentType);
      }
    };
    ExportDesk countingDesk = new ExportDesk(counting, tasks, clock, settings);
    ExportRecord started = countingDesk.start(ExportFilter.ALL, ExportFormat.CSV);
    ExportWorker now = new ExportWorker(counting, repository, tasks, clock, settings);
    List<ExportTask> assemblies = new ArrayList<>();
    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      if (task.get().assembles()) {
        assemblies.add(task.get());
      } else {
        now.run(task.get(), Deadline.NONE);
      }
    }
    assertThat(assemblies).hasSize(1);
    counting.put(ExportWork.PREFIX + started.exportId() + "/assembly.json",
        ("{\"run\":\"elsewhere\",\"claimedAt\":" + clock.millis() + "}").getBytes(StandardCharsets.UTF_8));

    now.run(assemblies.get(0), Deadline.NONE); // a second task of the same assembly, while the first runs
    assertThat(files.get()).isZero();
    ExportWorker later = new ExportWorker(counting, repository, tasks,
        Clock.offset(clock, ExportWorker.ASSEMBLY_LEASE.plusSeconds(1)), settings);
    later.run(assemblies.get(0), Deadline.NONE); // the first never finished: its claim is stale
    later.run(assemblies.get(0), Deadline.NONE);

    assertThat(files.get()).isEqualTo(1);
    ExportRecord done = ((Result.Ok<ExportRecord>) countingDesk.find(started.exportId())).value();
    assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
    assertThat(new String(counting.get(done.key()).orElseThrow(), StandardCharsets.UTF_8).lines()).hasSize(TODOS + 1);
  }

  @Test
  void aFailedTaskEndsTheExportWithItsReasonAndLaterTasksDoNothing() throws Exception {
    ExportRecord started = desk.start(ExportFilter.ALL, ExportFormat.CSV);
    ExportTask first = tasks.take().orElseThrow();
    worker.run(first, Deadline.NONE);

    worker.fail(tasks.take().orElseThrow(), "segment 1 failed 5 times: throttled");
    drain(Deadline.NONE);

    ExportRecord failed = ((Result.Ok<ExportRecord>) desk.find(started.exportId())).value();
    assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(failed.reason()).contains("segment 1 failed 5 times: throttled");
    assertThat(failed.finishedAt()).contains(clock.millis());
    assertThat(files.get(failed.key())).isEmpty();
  }

  @Test
  void exportsAreListedNewestFirstAndAnUnknownOrMalformedIdIsSaidSo() throws Exception {
    ExportRecord a = desk.start(ExportFilter.ALL, ExportFormat.CSV);
    ExportDesk later = new ExportDesk(files, tasks, Clock.offset(clock, java.time.Duration.ofSeconds(1)), settings);
    ExportRecord b = later.start(ExportFilter.ALL, ExportFormat.JSONL);

    assertThat(desk.list(10)).extracting(ExportRecord::exportId).containsExactly(b.exportId(), a.exportId());
    assertThat(desk.list(1)).extracting(ExportRecord::exportId).containsExactly(b.exportId());
    assertThat(desk.find("20261207T053000Z-00000000")).isInstanceOf(Result.NotFound.class);
    assertThat(desk.find("../import/x")).isInstanceOf(Result.Invalid.class);
  }

  /** Runs tasks until none is left; answers how many ran. */
  private int drain(Deadline deadline) throws IOException {
    int runs = 0;
    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      worker.run(task.get(), deadline);
      runs++;
    }
    return runs;
  }
}
