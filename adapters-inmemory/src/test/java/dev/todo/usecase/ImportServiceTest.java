package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.Compression;
import dev.todo.domain.CheckpointCodec;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.MalformedMessageException;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.RowMessageCodec;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoRow;
import dev.todo.inmemory.InMemoryContinuations;
import dev.todo.ports.Continuations.Turn;
import dev.todo.ports.Deadline;
import dev.todo.ports.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImportServiceTest {

  private final Pipeline p = new Pipeline();

  @Test
  void goodRowsAreQueuedAndBadOnesReportedWithLineAndReason() throws Exception {
    ObjectRef ref = p.upload("import/mixed.csv", "name,completed\nfirst,true\n,false\nthird,maybe\nfourth,no\n");
    ImportOutcome outcome = p.importer.start(ref, Deadline.NONE);

    ImportRecord record = ((ImportOutcome.Queued) outcome).record();
    assertThat(record.progress()).isEqualTo(new ImportProgress(4, 2, 2));
    assertThat(queuedRows()).extracting(TodoRow::line).containsExactly(2L, 5L);
    assertThat(p.objects.readErrorReport(ref)).contains("line,column,reason,name,completed\n"
        + "3,name,name is required and must not be blank,,false\n"
        + "4,completed,\"'maybe' is not a boolean (use true/false, yes/no or 1/0)\",third,maybe\n");
    assertThat(record.errorReport()).contains("mem://imports/import-errors/mixed.csv.errors.csv");
    assertThat(record.status()).isEqualTo(ImportStatus.RUNNING);

    assertThat(p.drainIntoTable()).isEmpty();
    ImportRecord done = p.journal.find(record.importId()).orElseThrow();
    assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(done.rowsWritten()).isEqualTo(2);
    assertThat(p.todos.all()).extracting(Todo::name).containsExactlyInAnyOrder("first", "fourth");
  }

  @Test
  void importTimeIsTheDefaultForTimestamps() throws Exception {
    p.importer.start(p.upload("import/t.csv", "name\nx\n"), Deadline.NONE);
    Todo todo = queuedRows().get(0).todo();
    assertThat(todo.createdAt()).isEqualTo(Pipeline.CLOCK.millis());
    assertThat(todo.updatedAt()).isEqualTo(Pipeline.CLOCK.millis());
    assertThat(todo.completed()).isFalse();
  }

  @Test
  void theSameObjectImportedTwiceQueuesEachRowOnce() throws Exception {
    ObjectRef ref = p.upload("import/twice.csv", Pipeline.csv(50));
    p.importer.start(ref, Deadline.NONE);
    ImportOutcome again = p.importer.start(ref, Deadline.NONE);

    assertThat(again).isInstanceOf(ImportOutcome.AlreadyImported.class);
    assertThat(queuedRows()).hasSize(50);
    p.drainIntoTable();
    assertThat(p.todos.size()).isEqualTo(50);
    assertThat(p.journal.find(ImportId.of(ref)).orElseThrow().status()).isEqualTo(ImportStatus.COMPLETED);
  }

  @Test
  void aRunThatDiedMidwayIsRunAgainWithoutDuplicates() throws Exception {
    Pipeline small = new Pipeline(new ImportSettings(2048, 2));
    ObjectRef ref = small.upload("import/crash.csv", Pipeline.csv(400));
    AtomicInteger sends = new AtomicInteger();
    small.queue.failWhen(m -> sends.incrementAndGet() > 7);
    assertThatThrownBy(() -> small.importer.start(ref, Deadline.NONE)).isInstanceOf(QueueSendException.class);
    assertThat(small.journal.find(ImportId.of(ref)).orElseThrow().status()).isEqualTo(ImportStatus.RUNNING);
    small.drainIntoTable();

    small.queue.failWhen(m -> false);
    assertThat(small.importer.start(ref, Deadline.NONE)).isInstanceOf(ImportOutcome.Queued.class);
    small.drainIntoTable();

    ImportRecord record = small.journal.find(ImportId.of(ref)).orElseThrow();
    assertThat(small.todos.size()).isEqualTo(400);
    assertThat(record.progress()).isEqualTo(new ImportProgress(400, 400, 0));
    assertThat(record.rowsWritten()).isEqualTo(400);
    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
  }

  @Test
  void gzipContentIsDecompressedOnTheFly() throws Exception {
    ObjectRef ref = p.uploadGzip("import/rows.csv.gz", Pipeline.csv(1000));
    ImportOutcome outcome = p.importer.start(ref, Deadline.NONE);
    assertThat(((ImportOutcome.Queued) outcome).record().progress()).isEqualTo(new ImportProgress(1000, 1000, 0));
    assertThat(queuedRows()).hasSize(1000);
  }

  @Test
  void aResumedImportQueuesExactlyTheRemainingRows() throws Exception {
    assertResumesExactly(Compression.NONE, ',', "import/long.csv", Map.of());
  }

  @Test
  void aResumedGzipImportQueuesExactlyTheRemainingRows() throws Exception {
    assertResumesExactly(Compression.GZIP, ',', "import/long.csv.gz", Map.of());
  }

  @Test
  void aResumedZstdTsvImportQueuesExactlyTheRemainingRows() throws Exception {
    assertResumesExactly(Compression.ZSTD, '\t', "import/long.tsv.zst", Map.of());
  }

  @Test
  void aResumedSemicolonImportReadsWithTheDelimiterItsMetadataNamed() throws Exception {
    assertResumesExactly(Compression.NONE, ';', "import/long.txt", Map.of("delimiter", ";"));
  }

  private void assertResumesExactly(Compression compression, char delimiter, String key, Map<String, String> metadata)
      throws Exception {
    Pipeline small = new Pipeline(new ImportSettings(1024, 3));
    StringBuilder csv = new StringBuilder("name" + delimiter + "completed\n");
    List<Long> badLines = new ArrayList<>();
    for (int line = 2; line <= 1001; line++) {
      if (line % 97 == 0) {
        csv.append("bad ").append(line).append(delimiter).append("perhaps\n");
        badLines.add((long) line);
      } else { // the delimiter inside a quoted field, and a comma, a tab and a semicolon unquoted where they are not it
        String plain = delimiter == ',' ? "" : (delimiter == '\t' ? " a,b;c" : " a,b\tc");
        csv.append("\"row ").append(line).append(delimiter).append(" ünïcödé\"").append(plain).append(delimiter)
            .append(line % 2 == 0).append('\n');
      }
    }
    ObjectRef ref = small.upload(key, csv.toString(), compression, metadata);
    Deadline afterEachSend = () -> true;

    ImportOutcome outcome = small.importer.start(ref, afterEachSend);
    int runs = 1;
    while (outcome instanceof ImportOutcome.Paused paused) {
      InMemoryContinuations.Scheduled scheduled = small.continuations.take().orElseThrow();
      assertThat(scheduled.turn()).isEqualTo(Turn.goOn(ref, scheduled.turn().run().orElseThrow()));
      assertThat(scheduled.delay()).isZero();
      assertThat(paused.checkpoint().compression()).isEqualTo(compression);
      assertThat(paused.checkpoint().delimiter()).isEqualTo(delimiter);
      outcome = small.importer.take(scheduled.turn(), afterEachSend);
      runs++;
    }
    assertThat(small.continuations.take()).isEmpty();
    assertThat(runs).isGreaterThan(10);
    ImportRecord record = ((ImportOutcome.Queued) outcome).record();
    assertThat(record.progress()).isEqualTo(new ImportProgress(1000, 1000 - badLines.size(), badLines.size()));

    List<Long> lines = new ArrayList<>();
    for (QueueMessage m : small.queue.messages()) {
      RowMessageCodec.decode(m.body()).rows().forEach(r -> lines.add(r.line()));
    }
    assertThat(lines).hasSize(1000 - badLines.size()).doesNotHaveDuplicates().isSorted().doesNotContainAnyElementsOf(badLines);
    List<String> names = new ArrayList<>();
    for (QueueMessage m : small.queue.messages()) {
      RowMessageCodec.decode(m.body()).rows().forEach(r -> names.add(r.todo().name()));
    }
    String plain = delimiter == ',' ? "" : (delimiter == '\t' ? " a,b;c" : " a,b\tc");
    assertThat(names).contains("row 2" + delimiter + " ünïcödé" + plain, "row 1001" + delimiter + " ünïcödé" + plain);
    String report = small.objects.readErrorReport(ref).orElseThrow();
    assertThat(report.lines().skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(','))))).containsExactlyElementsOf(badLines);
  }

  @Test
  void aResumedZstdJsonLinesImportQueuesExactlyTheRemainingRows() throws Exception {
    Pipeline small = new Pipeline(new ImportSettings(1024, 3));
    StringBuilder jsonl = new StringBuilder();
    List<Long> badLines = new ArrayList<>();
    for (int line = 1; line <= 1000; line++) {
      if (line % 97 == 0) {
        jsonl.append("{\"name\":\"bad ").append(line).append("\",\"completed\":\"perhaps\"}\n");
        badLines.add((long) line);
      } else {
        jsonl.append("{\"name\":\"row ").append(line).append(", ünïcödé\",\"completed\":").append(line % 2 == 0)
            .append(",\"createdAt\":").append(1_700_000_000_000L + line).append("}\n");
      }
    }
    ObjectRef ref = small.upload("import/long.jsonl.zst", jsonl.toString(), Compression.ZSTD, Map.of());
    ImportOutcome outcome = small.importer.start(ref, () -> true);
    int runs = 1;
    while (outcome instanceof ImportOutcome.Paused paused) {
      assertThat(paused.checkpoint().kind()).isEqualTo(dev.todo.domain.FileFormat.Kind.JSON_LINES);
      outcome = small.importer.take(small.continuations.take().orElseThrow().turn(), () -> true);
      runs++;
    }
    assertThat(runs).isGreaterThan(10);
    assertThat(((ImportOutcome.Queued) outcome).record().progress()).isEqualTo(new ImportProgress(1000, 1000 - badLines.size(),
        badLines.size()));
    List<TodoRow> rows = new ArrayList<>();
    for (QueueMessage m : small.queue.messages()) {
      rows.addAll(RowMessageCodec.decode(m.body()).rows());
    }
    assertThat(rows).extracting(TodoRow::line).hasSize(1000 - badLines.size()).doesNotHaveDuplicates().isSorted();
    assertThat(rows.get(1).todo().createdAt()).isEqualTo(1_700_000_000_002L);
    String report = small.objects.readErrorReport(ref).orElseThrow();
    assertThat(report.lines().findFirst()).contains("line,column,reason,json");
    assertThat(report.lines().skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(','))))).containsExactlyElementsOf(badLines);
  }

  @Test
  void aFileWithoutAHeaderRowIsReadWithTheHeaderItsMetadataGives() throws Exception {
    ObjectRef ref = p.upload("import/no-header.csv", "milk,true,Früh\n,false,x\nbread,no,Spät\n", Compression.NONE,
        Map.of("header", "name,completed,Zeit%2C%20lokal"));
    ImportRecord record = ((ImportOutcome.Queued) p.importer.start(ref, Deadline.NONE)).record();
    assertThat(record.progress()).isEqualTo(new ImportProgress(3, 2, 1));
    assertThat(queuedRows()).extracting(TodoRow::line).containsExactly(1L, 3L); // the first line is a row, not a header
    assertThat(queuedRows().get(0).todo().attributes()).containsEntry("Zeit, lokal", "Früh");
    assertThat(p.objects.readErrorReport(ref).orElseThrow()).contains("2,name,name is required");
  }

  @Test
  void aFileThatDoesNotReadUnderItsFormatFailsNamingTheOption() throws Exception {
    ObjectRef commas = p.upload("import/commas.tsv", "name,completed\nmilk,true\n"); // a CSV named .tsv
    ImportOutcome.Failed failed = (ImportOutcome.Failed) p.importer.start(commas, Deadline.NONE);
    assertThat(failed.record().failure().orElseThrow()).contains("'name'").contains("read as TSV, from the extension .tsv");

    ObjectRef unknown = p.upload("import/x.csv", "name\nmilk\n", Compression.NONE, Map.of("format", "xml"));
    assertThat(((ImportOutcome.Failed) p.importer.start(unknown, Deadline.NONE)).record().failure().orElseThrow())
        .isEqualTo("the object's metadata 'format' is 'xml': use csv, tsv or jsonl");

    ObjectRef twoChars = p.upload("import/y.csv", "name\nmilk\n", Compression.NONE, Map.of("delimiter", ";;"));
    assertThat(((ImportOutcome.Failed) p.importer.start(twoChars, Deadline.NONE)).record().failure().orElseThrow())
        .contains("the delimiter ';;' must be one character");

    ObjectRef semicolons = p.upload("import/z.csv", "name;completed\nmilk;true\n", Compression.NONE, Map.of("format", "tsv"));
    assertThat(((ImportOutcome.Failed) p.importer.start(semicolons, Deadline.NONE)).record().failure().orElseThrow())
        .contains("read as TSV, from the object's metadata format=tsv");
  }

  @Test
  void aZstdBombFailsWithAReasonAndBoundedMemory() throws Exception {
    ObjectRef bomb = p.upload("import/bomb.csv.zst", "\0".repeat(64 << 20), Compression.ZSTD, Map.of()); // 64 MiB of NULs
    ImportOutcome.Failed failed = (ImportOutcome.Failed) p.importer.start(bomb, Deadline.NONE);
    assertThat(failed.record().failure().orElseThrow()).contains("header row is longer than");
  }

  @Test
  void aBadHeaderFailsTheImportBeforeAnyRowIsQueued() throws Exception {
    ObjectRef ref = p.upload("import/no-name.csv", "title,completed\nx,true\n");
    ImportOutcome outcome = p.importer.start(ref, Deadline.NONE);
    ImportRecord record = ((ImportOutcome.Failed) outcome).record();
    assertThat(record.status()).isEqualTo(ImportStatus.FAILED);
    assertThat(record.failure()).contains("the header has no 'name' column (found: title, completed)");
    assertThat(p.queue.size()).isZero();
  }

  @Test
  void anEmptyFileFailsAndAHeaderOnlyFileCompletesEmpty() throws Exception {
    ImportOutcome empty = p.importer.start(p.upload("import/empty.csv", ""), Deadline.NONE);
    assertThat(((ImportOutcome.Failed) empty).record().failure().orElseThrow()).contains("the file is empty");
    ImportOutcome headerOnly = p.importer.start(p.upload("import/header.csv", "name\n"), Deadline.NONE);
    assertThat(((ImportOutcome.Queued) headerOnly).record().status()).isEqualTo(ImportStatus.COMPLETED);
  }

  @Test
  void anObjectOverwrittenBeforeItIsReadFailsClearly() throws Exception {
    ObjectRef first = p.upload("import/changed.csv", "name\nold\n");
    p.upload("import/changed.csv", "name\nnew\n");
    ImportOutcome outcome = p.importer.start(first, Deadline.NONE);
    assertThat(((ImportOutcome.Failed) outcome).record().failure().orElseThrow()).contains("overwritten");
    assertThat(p.queue.size()).isZero();
  }

  @Test
  void aRowTooLargeForAMessageIsRejectedNotLost() throws Exception {
    Pipeline small = new Pipeline(new ImportSettings(1024, 10));
    ObjectRef ref = small.upload("import/big.csv", "name,notes\nsmall,x\nbig," + "y".repeat(2000) + "\n");
    ImportRecord record = ((ImportOutcome.Queued) small.importer.start(ref, Deadline.NONE)).record();
    assertThat(record.progress()).isEqualTo(new ImportProgress(2, 1, 1));
    assertThat(small.objects.readErrorReport(ref).orElseThrow()).contains("3,,\"the row takes 2167 bytes in a queue message, more than the 1024");
  }

  @Test
  void rowsArePackedIntoFewMessagesSentTenAtATime() throws Exception {
    ObjectRef ref = p.upload("import/many.csv", Pipeline.csv(10_000));
    p.importer.start(ref, Deadline.NONE);
    List<QueueMessage> messages = p.queue.messages();
    assertThat(messages.size()).isBetween(5, 10);
    assertThat(p.queue.sendCalls()).isEqualTo(1);
    for (QueueMessage m : messages) {
      assertThat(m.body().length()).isLessThanOrEqualTo(256 * 1024);
    }
  }

  @Test
  void forAPacedWriterAMessageHoldsNoMoreRowsThanItsLimitAndEveryRowLands() throws Exception {
    Pipeline paced = new Pipeline(new ImportSettings(256 * 1024, 40, 150));
    ObjectRef ref = paced.upload("import/paced.csv", Pipeline.csv(1_000));
    paced.importer.start(ref, Deadline.NONE);
    List<Integer> rowsPerMessage = new ArrayList<>();
    for (QueueMessage m : paced.queue.messages()) {
      rowsPerMessage.add(RowMessageCodec.decode(m.body()).rows().size());
    }
    assertThat(rowsPerMessage).containsExactly(150, 150, 150, 150, 150, 150, 100); // one message of 256 KiB without
    paced.drainIntoTable();
    assertThat(paced.todos.size()).isEqualTo(1_000);
    assertThat(paced.journal.find(ImportId.of(ref)).orElseThrow().status()).isEqualTo(ImportStatus.COMPLETED);
  }

  private List<TodoRow> queuedRows() throws MalformedMessageException {
    List<TodoRow> rows = new ArrayList<>();
    for (QueueMessage m : p.queue.messages()) {
      rows.addAll(RowMessageCodec.decode(m.body()).rows());
    }
    return rows;
  }
}
