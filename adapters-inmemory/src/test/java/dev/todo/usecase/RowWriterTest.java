package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.CsvHeader;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.RowMessage;
import dev.todo.domain.RowMessageCodec;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
import dev.todo.domain.TodoRow;
import dev.todo.inmemory.InMemoryImportJournal;
import dev.todo.inmemory.InMemoryTodoRepository;
import dev.todo.ports.Deadline;
import dev.todo.ports.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowWriterTest {

  private final Pipeline p = new Pipeline();

  @Test
  void aMessageProcessedTwiceLeavesTableAndCountersUnchanged() throws Exception {
    ObjectRef ref = p.upload("import/redelivered.csv", Pipeline.csv(30));
    p.importer.start(ref, Deadline.NONE);
    List<QueueMessage> messages = p.queue.drain();

    assertThat(p.writer.write(messages).failed()).isEmpty();
    List<Todo> afterFirst = p.todos.all();
    ImportRecord recordAfterFirst = p.journal.find(ImportId.of(ref)).orElseThrow();
    assertThat(p.writer.write(messages).failed()).isEmpty();

    assertThat(p.todos.all()).isEqualTo(afterFirst).hasSize(30);
    assertThat(p.journal.find(ImportId.of(ref)).orElseThrow()).isEqualTo(recordAfterFirst);
    assertThat(recordAfterFirst.rowsWritten()).isEqualTo(30);
    assertThat(recordAfterFirst.status()).isEqualTo(ImportStatus.COMPLETED);
  }

  @Test
  void onlyTheMessageWhoseWriteFailedIsReported() {
    ImportId id = started("import/partial.csv");
    List<QueueMessage> batch = List.of(
        message("a", id, row(id, 2, "fine"), row(id, 3, "also fine")),
        message("b", id, row(id, 4, "poison"), row(id, 5, "innocent neighbour")),
        message("c", id, row(id, 6, "fine too")));
    p.todos.failWritesWhen(t -> t.name().equals("poison"));

    BatchOutcome outcome = p.writer.write(batch);
    assertThat(outcome.failed()).containsExactly("b");
    assertThat(outcome.imports()).containsExactly(new BatchOutcome.ImportShare(id, 3, 3, List.of("b"), 0));
    assertThat(p.todos.all()).extracting(Todo::name).containsExactlyInAnyOrder("fine", "also fine", "innocent neighbour", "fine too");
    assertThat(p.journal.find(id).orElseThrow().rowsWritten()).isEqualTo(3);

    p.todos.failWritesWhen(t -> false);
    assertThat(p.writer.write(List.of(batch.get(1))).failed()).isEmpty();
    assertThat(p.journal.find(id).orElseThrow().rowsWritten()).isEqualTo(5);
  }

  @Test
  void aMessageThatFailsOnItsLastReceiveCountsItsRowsFailedUntilARedriveWritesThem() {
    ImportId id = started("import/dead-lettered.csv");
    p.journal.finishProducer(id, new ImportProgress(3, 3, 0), Optional.empty(), 1);
    QueueMessage fine = message("a", id, row(id, 2, "fine"));
    QueueMessage poison = message("b", id, row(id, 3, "poison"), row(id, 4, "neighbour"));
    p.todos.failWritesWhen(t -> t.name().equals("poison"));

    p.writer.write(List.of(fine, atReceive(poison, Pipeline.MAX_RECEIVE_COUNT - 1)));
    assertThat(p.journal.find(id).orElseThrow().rowsFailed()).isZero(); // the queue hands it out again
    BatchOutcome last = p.writer.write(List.of(atReceive(poison, Pipeline.MAX_RECEIVE_COUNT)));

    assertThat(last.imports().get(0).rowsDeadLettered()).isEqualTo(2);
    ImportRecord partial = p.journal.find(id).orElseThrow();
    assertThat(partial.rowsWritten()).isEqualTo(1);
    assertThat(partial.rowsFailed()).isEqualTo(2);
    assertThat(partial.status()).isEqualTo(ImportStatus.PARTIALLY_FAILED);

    p.writer.write(List.of(atReceive(poison, Pipeline.MAX_RECEIVE_COUNT))); // redriven, and failing again
    assertThat(p.journal.find(id).orElseThrow().rowsFailed()).isEqualTo(2);
    p.todos.failWritesWhen(t -> false);
    p.writer.write(List.of(poison)); // redriven once the cause is fixed: the receive count starts again

    ImportRecord done = p.journal.find(id).orElseThrow();
    assertThat(done.rowsWritten()).isEqualTo(3);
    assertThat(done.rowsFailed()).isZero();
    assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
  }

  @Test
  void anUnreadableMessageIsReportedAloneAndTheRestWritten() {
    ImportId id = started("import/unreadable.csv");
    List<QueueMessage> batch = List.of(message("good", id, row(id, 2, "kept")), new QueueMessage("bad", "{not json"));
    BatchOutcome outcome = p.writer.write(batch);
    assertThat(outcome.failed()).containsExactly("bad");
    assertThat(outcome.unreadable()).containsExactly("bad");
    assertThat(outcome.imports()).containsExactly(new BatchOutcome.ImportShare(id, 1, 1, List.of(), 0));
    assertThat(p.todos.all()).extracting(Todo::name).containsExactly("kept");
  }

  @Test
  void inOrderTheFirstFailedMessageFailsEveryLaterOneSoAnEarlierUpsertNeverLandsLast() {
    ImportId id = started("import/fifo.csv");
    Todo early = new Todo("T-9", "early", false, 1, 1, Map.of());
    Todo late = new Todo("T-9", "late", true, 1, 2, Map.of());
    List<QueueMessage> batch = List.of(
        message("a", id, row(id, 2, "first")),
        message("b", id, row(id, 3, "poison"), new TodoRow(4, early)),
        message("c", id, row(id, 5, "after the failure")),
        message("d", id, new TodoRow(6, late)));
    p.todos.failWritesWhen(t -> t.name().equals("poison"));

    assertThat(p.writer.writeInOrder(batch, Deadline.NONE).failed()).containsExactly("b", "c", "d");
    assertThat(p.journal.find(id).orElseThrow().rowsWritten()).isEqualTo(1);

    p.todos.failWritesWhen(t -> false);
    assertThat(p.writer.writeInOrder(batch.subList(1, 4), Deadline.NONE).failed()).isEmpty();
    assertThat(p.todos.get("T-9")).contains(late.writtenBy(id));
    assertThat(p.journal.find(id).orElseThrow().rowsWritten()).isEqualTo(5);
  }

  @Test
  void inOrderNothingAfterAnUnreadableMessageIsWritten() {
    ImportId id = started("import/fifo-unreadable.csv");
    List<QueueMessage> batch = List.of(message("good", id, row(id, 2, "kept")), new QueueMessage("bad", "{not json"),
        message("later", id, row(id, 3, "not yet")));
    assertThat(p.writer.writeInOrder(batch, Deadline.NONE).failed()).containsExactly("bad", "later");
    assertThat(p.todos.all()).extracting(Todo::name).containsExactly("kept");
  }

  @Test
  void aRowWithATodoIdKeepsWhatItLeavesUnsaidOfTheStoredTodo() {
    ImportId id = started("import/upsert.csv");
    p.todos.writeBatch(List.of(new Todo("T-1", "old", true, 100, 100, Map.of("project", "home", "owner", "ann"))));
    TodoRow rename = new TodoRow(2, new Todo("T-1", "new", false, 500, 500, Map.of("owner", "bob")), true,
        Set.of(CsvHeader.COMPLETED, CsvHeader.CREATED_AT));
    TodoRow thenComplete = new TodoRow(3, new Todo("T-1", "newer", true, 500, 600, Map.of()), true,
        Set.of(CsvHeader.CREATED_AT));
    TodoRow fresh = new TodoRow(4, new Todo("T-2", "fresh", false, 500, 500, Map.of()), true,
        Set.of(CsvHeader.COMPLETED, CsvHeader.CREATED_AT));

    assertThat(p.writer.write(List.of(message("a", id, rename, thenComplete, fresh))).failed()).isEmpty();

    assertThat(p.todos.get("T-1")).contains(new Todo("T-1", "newer", true, 100, 600,
        Map.of("project", "home", "owner", "bob", Todo.IMPORT_ID, id.value()), 2)); // both rows in one write
    assertThat(p.todos.get("T-2")).contains(fresh.todo().writtenBy(id));
  }

  @Test
  void aRedeliveredMessageNeverUndoesAChangeMadeSinceItsFirstWrite() {
    ImportId id = started("import/redelivered.csv");
    QueueMessage message = message("m", id, row(id, 2, "as imported"), row(id, 3, "not written the first time"));
    p.todos.failWritesWhen(t -> t.name().startsWith("not written"));
    assertThat(p.writer.write(List.of(message)).failed()).containsExactly("m");
    String edited = id.todoIdForLine(2);
    p.todos.update(new TodoPatch(edited, Optional.of("renamed by a person"), Optional.of(true), Optional.empty(), 9,
        Map.of(), Optional.empty()), Set.of());
    p.todos.failWritesWhen(t -> false);

    assertThat(p.writer.write(List.of(atReceive(message, 2))).failed()).isEmpty();

    assertThat(p.todos.get(edited).orElseThrow().name()).isEqualTo("renamed by a person");
    assertThat(p.todos.get(id.todoIdForLine(3)).orElseThrow().name()).isEqualTo("not written the first time");
    assertThat(p.journal.find(id).orElseThrow().rowsWritten()).isEqualTo(2);
  }

  @Test
  void aMessageQueuedAgainByALaterRunNeverUndoesAChangeMadeSinceItsFirstWrite() {
    ImportId id = started("import/queued-again.csv");
    TodoRow first = row(id, 2, "as imported");
    assertThat(p.writer.write(List.of(message("m", id, first))).failed()).isEmpty();
    String edited = id.todoIdForLine(2);
    p.todos.update(new TodoPatch(edited, Optional.of("renamed by a person"), Optional.of(true), Optional.empty(), 9,
        Map.of(), Optional.empty()), Set.of());

    // a run that took the import over queues the same rows again, in a new message received for the first time
    QueueMessage again = new QueueMessage("m2", RowMessageCodec.encode(new RowMessage(id,
        List.of(first, row(id, 3, "never written before")), true)));
    assertThat(p.writer.write(List.of(again)).failed()).isEmpty();

    assertThat(p.todos.get(edited).orElseThrow().name()).isEqualTo("renamed by a person");
    assertThat(p.todos.get(id.todoIdForLine(3)).orElseThrow().name()).isEqualTo("never written before");
  }

  @Test
  void theLastRowWinsWhenTwoRowsNameTheSameTodo() {
    ImportId id = started("import/same-id.csv");
    Todo first = new Todo("T-1", "first", false, 1, 1, Map.of());
    Todo second = new Todo("T-1", "second", true, 1, 2, Map.of());
    List<QueueMessage> batch = List.of(message("a", id, new TodoRow(2, first)), message("b", id, new TodoRow(3, second)));
    assertThat(p.writer.write(batch).failed()).isEmpty();
    assertThat(p.todos.get("T-1")).contains(second.writtenBy(id));
    assertThat(p.journal.find(id).orElseThrow().rowsWritten()).isEqualTo(2);
  }

  @Test
  void aWriteRateLimitPacesTheRepositoryCalls() {
    long[] now = {0};
    List<Long> sleeps = new ArrayList<>();
    WriteRateLimiter limiter = new WriteRateLimiter(10, () -> now[0], nanos -> {
      sleeps.add(nanos);
      now[0] += nanos;
    });
    InMemoryTodoRepository todos = new InMemoryTodoRepository();
    RowWriter paced = new RowWriter(todos, new InMemoryImportJournal(), Pipeline.CLOCK, Optional.of(limiter), 5);
    ImportId id = new ImportId("paced");
    List<TodoRow> rows = new ArrayList<>();
    for (int line = 2; line < 102; line++) {
      rows.add(row(id, line, "row " + line));
    }

    assertThat(paced.write(List.of(message("m", id, rows.toArray(TodoRow[]::new)))).failed()).isEmpty();

    assertThat(todos.size()).isEqualTo(100);
    assertThat(todos.writeCalls()).isEqualTo(10);
    assertThat(now[0]).isEqualTo(9_000_000_000L); // 100 writes at 10/s: the first 10 at once, the last 10 after 9 s
  }

  @Test
  void aPacedWriterStartsNoSliceAfterItsDeadlineAndSendsBackOnlyTheMessagesItDidNotWrite() {
    long[] now = {0};
    WriteRateLimiter limiter = new WriteRateLimiter(10, () -> now[0], nanos -> now[0] += nanos);
    InMemoryTodoRepository todos = new InMemoryTodoRepository();
    RowWriter paced = new RowWriter(todos, new InMemoryImportJournal(), Pipeline.CLOCK, Optional.of(limiter), 5);
    ImportId id = new ImportId("paced");
    List<TodoRow> first = new ArrayList<>();
    List<TodoRow> second = new ArrayList<>();
    for (int line = 2; line < 102; line++) {
      (line < 52 ? first : second).add(row(id, line, "row " + line));
    }
    // 10 writes a second, slices of 10: the fifth slice starts at 4 s, and the deadline comes with it
    var outcome = paced.write(List.of(message("a", id, first.toArray(TodoRow[]::new)),
        message("b", id, second.toArray(TodoRow[]::new))), () -> now[0] >= 4_000_000_000L);

    assertThat(outcome.failed()).containsExactly("b");
    assertThat(todos.size()).isEqualTo(50);
    assertThat(outcome.imports()).singleElement().satisfies(share -> assertThat(share.rowsWritten()).isEqualTo(50));
    // past its deadline from the start, an invocation still writes its first slice: every try makes progress
    TodoRow[] slice = new TodoRow[10];
    for (int i = 0; i < 10; i++) {
      slice[i] = row(id, 200 + i, "late " + i);
    }
    assertThat(paced.write(List.of(message("c", id, slice), message("d", id, row(id, 300, "later"))),
        () -> true).failed()).containsExactly("d");
    assertThat(todos.size()).isEqualTo(60);
  }

  @Test
  void anUnpacedBatchOfConditionalWritesStopsAtItsDeadlineBetweenSlicesAndSendsBackTheRest() {
    ImportId id = started("import/again-and-long.csv");
    List<QueueMessage> batch = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      TodoRow[] rows = new TodoRow[400];
      for (int i = 0; i < 400; i++) {
        rows[i] = row(id, 2 + m * 400 + i, "row " + i);
      }
      batch.add(atReceive(message("m" + m, id, rows), 2)); // delivered before: each row a conditional put
    }

    // past its deadline from the start, it writes its first slice (500 puts: the first message and a quarter of the
    // second) and no other, where it wrote all 1,200 before: one slice, which a deadline cannot stop
    var outcome = p.writer.write(batch, () -> true);

    assertThat(outcome.failed()).containsExactly("m1", "m2");
    assertThat(p.todos.size()).isEqualTo(RowWriter.SINGLE_WRITES_PER_SLICE);
    assertThat(p.journal.find(id).orElseThrow().rowsWritten()).isEqualTo(400);
  }

  private ImportId started(String key) {
    return p.journal.begin(ImportRecord.started(ObjectRef.of(Pipeline.BUCKET, key, "etag"), 0)).importId();
  }

  private static TodoRow row(ImportId id, long line, String name) {
    return new TodoRow(line, new Todo(id.todoIdForLine(line), name, false, 1, 1, Map.of()));
  }

  private static QueueMessage atReceive(QueueMessage message, int receiveCount) {
    return new QueueMessage(message.id(), message.body(), receiveCount);
  }

  private static QueueMessage message(String messageId, ImportId id, TodoRow... rows) {
    return new QueueMessage(messageId, RowMessageCodec.encode(new RowMessage(id, List.of(rows))));
  }
}
