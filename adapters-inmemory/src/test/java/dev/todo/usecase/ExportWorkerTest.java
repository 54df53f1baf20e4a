package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.todo.ports.TodoRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExportWorkerTest {

  private static final int TODOS = 2_000;
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T05:30:00Z"), ZoneOffset.UTC);
  private final InMemoryTodoRepository repository = new InMemoryTodoRepository();
  /** Small pages and parts, so an export of 2,000 todos (about 140 KB) has many of each, and its file several parts. */
  private final ExportSettings settings = new ExportSettings(4, 50, 8_000, 20_000, Duration.ofMinutes(2));
  /** Every part of a file's upload but the last at least as big as the settings ask, as S3 has it with its 5 MiB. */
  private final InMemoryExportFiles files = new InMemoryExportFiles(settings.fileChunkBytes());
  private final InMemoryExportTasks tasks = new InMemoryExportTasks(clock);
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

  /**
   * A worker writes each page's rows as it comes, under the columns met so far: a page with an attribute the rows
   * before it lack ends the part before that page, and the segment's state says to read that page next.
   */
  @Test
  void aPageWithANewAttributeEndsThePartBeforeIt() throws Exception {
    InMemoryTodoRepository todos = new InMemoryTodoRepository();
    List<Todo> written = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // ids in the Scan's order; "late" on the todos from 160 on, in the fourth page of 50
      Map<String, String> attributes = i < 160 ? Map.of("color", "c" + i) : Map.of("color", "c" + i, "late", "l" + i);
      written.add(new Todo(String.format("T-%03d", i), "task " + i, false, 1_000L * i, 1_000L * i, attributes, 1));
    }
    todos.writeBatch(written);
    ExportSettings onePart = new ExportSettings(1, 50, 1 << 20, 20_000, Duration.ofMinutes(2));
    InMemoryExportFiles partsOf = new InMemoryExportFiles(onePart.fileChunkBytes());
    OnFiles export = exportOn(partsOf, todos, onePart);

    export.worker().run(tasks.take().orElseThrow(), Deadline.NONE); // the segment, not yet its assembly

    ExportWork.Segment segment = new ExportWork(partsOf).segment(export.export().exportId(), 0);
    assertThat(segment.done()).isTrue();
    assertThat(segment.parts()).extracting(ExportWork.Part::rows).containsExactly(150L, 50L);
    assertThat(segment.parts()).extracting(ExportWork.Part::columns).containsExactly(List.of("color"), List.of("color", "late"));
    assertThat(segment.parts().get(0).bytes()).isEqualTo(partsOf.get(segment.parts().get(0).key()).orElseThrow().length);
    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      export.worker().run(task.get(), Deadline.NONE);
    }
    List<String> lines = new String(partsOf.get(export.now().key()).orElseThrow(), StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(201).startsWith("todoId,name,completed,createdAt,updatedAt,color,late")
        .contains("T-149,task 149,false,1970-01-01T00:02:29Z,1970-01-01T00:02:29Z,c149,",
            "T-199,task 199,false,1970-01-01T00:03:19Z,1970-01-01T00:03:19Z,c199,l199");
  }

  /**
   * Parts as big as the store's smallest part of a file, whose rows are as the file has them (their columns the
   * header's; any part in JSON Lines), are copied into the file within the store; the others are read and re-mapped.
   * Assembly runs that stop after every part of the file make the same file of the same parts, copying the same ones.
   */
  @Test
  void partsAsTheFileHasThemAreCopiedInTheStoreAndRunsStoppingAnywhereMakeTheSameFile() throws Exception {
    InMemoryTodoRepository common = new InMemoryTodoRepository(); // without the one todo's rare attribute
    common.writeBatch(repository.scan(0, 1, TODOS, Optional.empty()).items().stream()
        .filter(t -> !t.attributes().containsKey("only, \"one\"")).toList());

    String csv = exportedTwice(common, ExportFormat.CSV, 2);
    assertThat(csv.lines()).hasSize(TODOS).first().isEqualTo("todoId,name,completed,createdAt,updatedAt,color,project");
    assertThat(csv.lines()).contains("T-3,task 3,false,1970-01-01T00:00:03Z,1970-01-01T00:00:06Z,,v3");
    assertThat(exportedTwice(repository, ExportFormat.JSONL, 2).lines()).hasSize(TODOS);
    // the rare attribute's column is in the header: only parts that have it are as the file has them
    String mixed = exportedTwice(repository, ExportFormat.CSV, 0);
    assertThat(mixed.lines()).hasSize(TODOS + 1).allMatch(l -> l.startsWith("todoId") || l.split(",", -1).length == 8)
        .contains("T-3,task 3,false,1970-01-01T00:00:03Z,1970-01-01T00:00:06Z,,,v3");
  }

  /**
   * Exports {@code todos} with parts as big as a part of the file, once with runs going on to the end and once with
   * the assembly's runs stopping after every part of the file; checks both make the same file of every todo once,
   * copying the same parts, at least {@code leastCopied}; answers the file.
   */
  private String exportedTwice(TodoRepository todos, ExportFormat format, int leastCopied) throws IOException {
    ExportSettings bigParts = new ExportSettings(4, 50, 20_000, 20_000, Duration.ofMinutes(2));
    List<String> copies = new ArrayList<>();
    InMemoryExportFiles counting = new InMemoryExportFiles(bigParts.fileChunkBytes()) {
      @Override
      public String copyPart(String key, String uploadId, int number, String sourceKey) throws IOException {
        copies.add(sourceKey.substring(sourceKey.lastIndexOf('/') + 1, sourceKey.lastIndexOf('-')));
        return super.copyPart(key, uploadId, number, sourceKey);
      }
    };
    Map<Boolean, byte[]> made = new HashMap<>();
    Map<Boolean, List<String>> copied = new HashMap<>();
    for (boolean stopping : List.of(false, true)) {
      ExportDesk onCounting = new ExportDesk(counting, tasks, clock, bigParts);
      ExportRecord started = onCounting.start(ExportFilter.ALL, format);
      ExportWorker worker = new ExportWorker(counting, todos, tasks, clock, bigParts);
      copies.clear();
      for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
        worker.run(task.get(), task.get().assembles() && stopping ? () -> true : Deadline.NONE);
      }
      ExportRecord done = ((Result.Ok<ExportRecord>) onCounting.find(started.exportId())).value();
      assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
      made.put(stopping, counting.get(done.key()).orElseThrow());
      copied.put(stopping, List.copyOf(copies));
      assertThat(done.bytes()).isEqualTo(made.get(stopping).length);
    }
    assertThat(copied.get(false)).as("segment parts copied").hasSizeGreaterThanOrEqualTo(leastCopied)
        .isEqualTo(copied.get(true));
    assertThat(made.get(true)).isEqualTo(made.get(false));
    assertThat(counting.openUploads()).isZero();
    String file = new String(made.get(false), StandardCharsets.UTF_8);
    assertThat(file.lines().filter(l -> l.startsWith("T-") || l.startsWith("{")).distinct()).hasSize(file.lines()
        .filter(l -> l.startsWith("T-") || l.startsWith("{")).toList().size());
    return file;
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
  void runsStoppedByTheirDeadlineAfterEveryPageAndEveryPartGoOnToTheSameFileAsOneRun() throws Exception {
    ExportRecord whole = desk.start(ExportFilter.ALL, ExportFormat.TSV);
    drain(Deadline.NONE);
    ExportRecord started = new ExportDesk(files, tasks, Clock.offset(clock, Duration.ofSeconds(1)), settings)
        .start(ExportFilter.ALL, ExportFormat.TSV);

    int runs = 0;
    int assemblyRuns = 0;
    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      worker.run(task.get(), () -> true);
      runs++;
      assemblyRuns += task.get().assembles() ? 1 : 0;
    }

    ExportRecord done = ((Result.Ok<ExportRecord>) desk.find(started.exportId())).value();
    assertThat(runs).isGreaterThan(TODOS / 50);
    assertThat(done.rows()).isEqualTo(TODOS);
    byte[] file = files.get(done.key()).orElseThrow();
    assertThat(done.bytes()).isEqualTo(file.length).isGreaterThan(5L * settings.fileChunkBytes());
    assertThat(assemblyRuns).as("one run per part of the file").isGreaterThanOrEqualTo(5);
    assertThat(file).isEqualTo(files.get(((Result.Ok<ExportRecord>) desk.find(whole.exportId())).value().key()).orElseThrow());
    List<String> lines = new String(file, StandardCharsets.UTF_8).lines().skip(1).toList();
    assertThat(lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).distinct()).hasSize(TODOS);
    assertThat(files.openUploads()).isZero();
  }

  @Test
  void theNextPageIsReadWhileAPartIsWritten() throws Exception {
    // one segment, a part per page: each part but the last waits for the Scan of the page after its own to begin,
    // which a worker reading one page at a time only calls once the part is written
    ExportSettings partPerPage = new ExportSettings(1, 50, 1, 20_000, Duration.ofMinutes(2));
    Semaphore nextPageAsked = new Semaphore(0);
    TodoRepository watched = (TodoRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {TodoRepository.class}, (proxy, method, args) -> {
          if (method.getName().equals("scan") && ((Optional<?>) args[3]).isPresent()) {
            nextPageAsked.release();
          }
          try {
            return method.invoke(repository, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    AtomicInteger parts = new AtomicInteger();
    List<Integer> partsWrittenAlone = new ArrayList<>();
    InMemoryExportFiles overlapping = new InMemoryExportFiles(partPerPage.fileChunkBytes()) {
      @Override
      public void put(String key, byte[] content) {
        int part = key.contains("/parts/") ? parts.incrementAndGet() : 0;
        try {
          boolean lastPart = part == TODOS / 50;
          if (part > 0 && !lastPart && partsWrittenAlone.isEmpty() && !nextPageAsked.tryAcquire(10, TimeUnit.SECONDS)) {
            partsWrittenAlone.add(part);
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        super.put(key, content);
      }
    };
    OnFiles export = exportOn(overlapping, watched, partPerPage);

    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      export.worker().run(task.get(), Deadline.NONE);
    }

    assertThat(partsWrittenAlone).as("parts written with no Scan under way").isEmpty();
    assertThat(parts.get()).isEqualTo(TODOS / 50);
    ExportRecord done = export.now();
    assertThat(done.rows()).isEqualTo(TODOS);
    assertThat(new String(overlapping.get(done.key()).orElseThrow(), StandardCharsets.UTF_8).lines()).hasSize(TODOS + 1);
  }

  @Test
  void aRunKilledAfterWritingAPartButBeforeItsStateGoesOnFromTheLastStateOnce() throws Exception {
    AtomicInteger puts = new AtomicInteger();
    InMemoryExportFiles failing = new InMemoryExportFiles(settings.fileChunkBytes()) {
      @Override
      public void put(String key, byte[] content) {
        super.put(key, content);
        if (key.contains("/parts/") && puts.incrementAndGet() % 3 == 0) {
          throw new UncheckedIOException(new IOException("killed after writing " + key));
        }
      }
    };
    OnFiles export = exportOn(failing);

    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      try {
        export.worker().run(task.get(), Deadline.NONE);
      } catch (UncheckedIOException e) {
        tasks.send(task.get()); // what the queue does: the message comes back
      }
    }

    ExportRecord done = export.now();
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
  void anAssemblyThatDiedIsLeftAloneWhileItsLeaseRunsThenTakenOverFromItsLastPart() throws Exception {
    AtomicInteger started = new AtomicInteger();
    AtomicInteger parts = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    InMemoryExportFiles dying = new InMemoryExportFiles(settings.fileChunkBytes()) {
      @Override
      public String startUpload(String key, String contentType) {
        started.incrementAndGet();
        return super.startUpload(key, contentType);
      }

      @Override
      public String uploadPart(String key, String uploadId, int number, byte[] content) throws IOException {
        if (parts.incrementAndGet() == 3) {
          throw new IOException("killed while uploading part 3"); // parts 1 and 2 are recorded
        }
        highest.accumulateAndGet(number, Math::max);
        return super.uploadPart(key, uploadId, number, content);
      }
    };
    OnFiles export = exportOn(dying);
    ExportWorker first = export.worker();
    ExportTask assemble = runSegments(first);
    assertThatThrownBy(() -> first.run(assemble, Deadline.NONE)).hasMessageContaining("part 3");

    first.run(assemble, Deadline.NONE); // its task back from the queue at once: the dead run's lease still stands
    assertThat(parts.get()).isEqualTo(3);
    assertThat(tasks.take()).as("it looks again once the lease is out").isEmpty();
    assertThat(tasks.waiting()).isEqualTo(1);
    afterTheLease(dying).run(assemble, Deadline.NONE);

    ExportRecord done = export.now();
    assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
    byte[] file = dying.get(done.key()).orElseThrow();
    assertThat(started.get()).as("one upload, gone on with").isEqualTo(1);
    assertThat(highest.get()).isGreaterThan(3);
    assertThat(parts.get()).as("parts 1 and 2, the failed part 3, then parts 3 to the last").isEqualTo(3 + highest.get() - 2);
    assertThat(new String(file, StandardCharsets.UTF_8).lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct())
        .hasSize(TODOS);
    assertThat(dying.openUploads()).isZero();
  }

  /**
   * A listing that shows a server's temporary file beside the runs' states (S3Proxy writes to {@code <key>-<uuid>} and
   * renames): it is no run, and the assembly still runs, at once.
   */
  @Test
  void aTemporaryNameInTheAssemblysListingIsNoRun() throws Exception {
    InMemoryExportFiles flaky = new InMemoryExportFiles(settings.fileChunkBytes()) {
      @Override
      public List<String> children(String prefix) {
        List<String> names = new ArrayList<>(super.children(prefix));
        if (prefix.endsWith("/assembly/")) {
          names.add("000000.json-2f1c9a7e"); // being written, then renamed: gone when read
        }
        return names;
      }
    };
    OnFiles export = exportOn(flaky);

    export.worker().run(runSegments(export.worker()), Deadline.NONE);

    ExportRecord done = export.now();
    assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
    assertThat(tasks.waiting()).as("nothing left to look again at").isZero();
  }

  @Test
  void anAssemblyThatDiedAfterCompletingTheFileButBeforeItsResultIsFinishedByTheNextRun() throws Exception {
    AtomicInteger results = new AtomicInteger();
    InMemoryExportFiles dying = new InMemoryExportFiles(settings.fileChunkBytes()) {
      @Override
      public void put(String key, byte[] content) {
        if (key.endsWith("/result.json") && results.incrementAndGet() == 1) {
          throw new UncheckedIOException(new IOException("killed after completing the upload"));
        }
        super.put(key, content);
      }
    };
    OnFiles export = exportOn(dying);
    ExportWorker first = export.worker();
    ExportTask assemble = runSegments(first);
    assertThatThrownBy(() -> first.run(assemble, Deadline.NONE)).hasMessageContaining("killed");
    byte[] file = dying.get(export.export().key()).orElseThrow();

    afterTheLease(dying).run(assemble, Deadline.NONE);

    ExportRecord done = export.now();
    assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
    assertThat(done.bytes()).isEqualTo(file.length);
    assertThat(dying.get(done.key()).orElseThrow()).isEqualTo(file);
  }

  @Test
  void aRunTakenOverWhileAliveStopsAtItsNextPartAndTheFileIsWrittenOnce() throws Exception {
    AtomicInteger parts = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    List<ExportWorker> takeover = new ArrayList<>();
    List<ExportTask> assembly = new ArrayList<>();
    InMemoryExportFiles shared = new InMemoryExportFiles(settings.fileChunkBytes()) {
      @Override
      public String uploadPart(String key, String uploadId, int number, byte[] content) throws IOException {
        String eTag = super.uploadPart(key, uploadId, number, content);
        highest.accumulateAndGet(number, Math::max);
        if (parts.incrementAndGet() == 2) { // the first run, slow: thought dead, its assembly is taken over and done
          takeover.get(0).run(assembly.get(0), Deadline.NONE);
        }
        return eTag;
      }
    };
    OnFiles export = exportOn(shared);
    ExportWorker slow = export.worker();
    takeover.add(afterTheLease(shared));
    assembly.add(runSegments(slow));

    slow.run(assembly.get(0), Deadline.NONE);

    ExportRecord done = export.now();
    assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
    byte[] file = shared.get(done.key()).orElseThrow();
    assertThat(highest.get()).isGreaterThan(3);
    assertThat(parts.get()).as("the slow run's parts 1 and 2, then the later run's from 2 (not recorded yet) on")
        .isEqualTo(2 + highest.get() - 1);
    assertThat(new String(file, StandardCharsets.UTF_8).lines()).hasSize(TODOS + 1);
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

  /** An assembly that failed for good after uploading parts: the export ends FAILED and its file's upload is aborted. */
  @Test
  void anExportThatFailsInItsAssemblyAbortsTheFilesUpload() throws Exception {
    InMemoryExportFiles failing = new InMemoryExportFiles(settings.fileChunkBytes()) {
      @Override
      public String uploadPart(String key, String uploadId, int number, byte[] content) throws IOException {
        if (number == 3) {
          throw new IOException("part 3 refused");
        }
        return super.uploadPart(key, uploadId, number, content);
      }
    };
    OnFiles export = exportOn(failing);
    ExportTask assemble = runSegments(export.worker());
    assertThatThrownBy(() -> export.worker().run(assemble, Deadline.NONE)).hasMessageContaining("part 3");
    assertThat(failing.openUploads()).as("parts 1 and 2 uploaded").isEqualTo(1);

    export.worker().fail(assemble, "the assembly failed 5 times: part 3 refused");

    ExportRecord failed = export.now();
    assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(failing.openUploads()).isZero();
  }

  @Test
  void exportsAreListedNewestFirstAndAnUnknownOrMalformedIdIsSaidSo() throws Exception {
    ExportRecord a = desk.start(ExportFilter.ALL, ExportFormat.CSV);
    ExportDesk later = new ExportDesk(files, tasks, Clock.offset(clock, Duration.ofSeconds(1)), settings);
    ExportRecord b = later.start(ExportFilter.ALL, ExportFormat.JSONL);

    assertThat(desk.list(10)).extracting(ExportRecord::exportId).containsExactly(b.exportId(), a.exportId());
    assertThat(desk.list(1)).extracting(ExportRecord::exportId).containsExactly(b.exportId());
    assertThat(desk.find("20261207T053000Z-00000000")).isInstanceOf(Result.NotFound.class);
    assertThat(desk.find("../import/x")).isInstanceOf(Result.Invalid.class);
  }

  /** An export started on files of its own, the worker that runs its tasks there, and its record as it stands now. */
  private record OnFiles(ExportDesk desk, ExportRecord export, ExportWorker worker) {
    ExportRecord now() {
      return ((Result.Ok<ExportRecord>) desk.find(export.exportId())).value();
    }
  }

  private OnFiles exportOn(InMemoryExportFiles files) throws IOException {
    return exportOn(files, repository, settings);
  }

  private OnFiles exportOn(InMemoryExportFiles files, TodoRepository todos, ExportSettings with) throws IOException {
    ExportDesk desk = new ExportDesk(files, tasks, clock, with);
    return new OnFiles(desk, desk.start(ExportFilter.ALL, ExportFormat.CSV), new ExportWorker(files, todos, tasks, clock, with));
  }

  /** A worker on {@code files} whose clock is past the assembly's lease, with tasks of its own. */
  private ExportWorker afterTheLease(InMemoryExportFiles files) {
    Clock later = Clock.offset(clock, settings.assemblyLease().plusSeconds(1));
    return new ExportWorker(files, repository, new InMemoryExportTasks(later), later, settings);
  }

  /** Runs every segment's task with {@code worker}; answers the assembly's task they hand on. */
  private ExportTask runSegments(ExportWorker worker) throws IOException {
    List<ExportTask> assemblies = new ArrayList<>();
    for (Optional<ExportTask> task = tasks.take(); task.isPresent(); task = tasks.take()) {
      if (task.get().assembles()) {
        assemblies.add(task.get());
      } else {
        worker.run(task.get(), Deadline.NONE);
      }
    }
    assertThat(assemblies).hasSize(1);
    return assemblies.get(0);
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
