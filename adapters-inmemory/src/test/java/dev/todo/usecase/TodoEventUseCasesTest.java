package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.Notification;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoChange;
import dev.todo.domain.TodoEvent;
import dev.todo.inmemory.InMemoryImportJournal;
import dev.todo.inmemory.InMemoryNotifications;
import dev.todo.inmemory.InMemoryTodoEvents;
import dev.todo.ports.TodoEvents;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** From a change of a todo or of an import's journal to an event on the bus, and from an event to a mail. */
class TodoEventUseCasesTest {

  private static final Todo OPEN = new Todo("t1", "Buy milk", false, 1, 1);
  private static final Todo DONE = new Todo("t1", "Buy milk", true, 1, 2);

  private final InMemoryTodoEvents bus = new InMemoryTodoEvents();
  private final InMemoryImportJournal journal = new InMemoryImportJournal();
  private final InMemoryNotifications outbox = new InMemoryNotifications();

  @Test
  void changesBecomeTheSeedsEventsInTheirOrderAndAChangeWithoutOneIsSkipped() {
    List<TodoChange> changes = List.of(new TodoChange("c1", Optional.empty(), Optional.of(OPEN)),
        new TodoChange("c2", Optional.of(OPEN), Optional.of(new Todo("t1", "Buy oat milk", false, 1, 2))),
        new TodoChange("c3", Optional.of(OPEN), Optional.of(DONE)), new TodoChange("c4", Optional.of(DONE), Optional.empty()));

    assertThat(new TodoChangeEvents(bus).publish(changes)).isEmpty();

    assertThat(bus.published()).extracting(TodoEvent::eventId).containsExactly("c1", "c3", "c4");
    assertThat(bus.published()).extracting(e -> e.type().detailType()).containsExactly("todoCreated", "todoCompleted", "todoDeleted");
  }

  @Test
  void whenTheBusRefusesAnEventTheStreamIsToldToDeliverAgainFromItsChange() {
    bus.failWhen(e -> e.eventId().equals("c3"));
    List<TodoChange> changes = List.of(new TodoChange("c1", Optional.empty(), Optional.of(OPEN)),
        new TodoChange("c2", Optional.of(OPEN), Optional.of(OPEN)), new TodoChange("c3", Optional.of(OPEN), Optional.of(DONE)),
        new TodoChange("c4", Optional.of(DONE), Optional.empty()));

    assertThat(new TodoChangeEvents(bus).publish(changes)).hasValueSatisfying(u -> {
      assertThat(u.changeId()).isEqualTo("c3");
      assertThat(u.reason()).isNotBlank();
    });
    assertThat(bus.published()).extracting(TodoEvent::eventId).containsExactly("c1", "c4"); // c4 comes again, same id
  }

  @Test
  void anImportIsAnnouncedOnceWhenItEndsAndAgainOnlyInANewFinalStatus() {
    ImportRecord r = journal.begin(ImportRecord.started(ObjectRef.of("b", "import/a.csv", "e"), 1));
    ImportAnnouncements announcements = new ImportAnnouncements(journal, bus, Pipeline.CLOCK);
    journal.claimProducer(r.importId(), "run", 1, 60_001);
    journal.recordProgress(r.importId(), "run", new ImportProgress(2, 2, 0), 60_001);
    assertThat(announcements.changed(List.of(r.importId()))).isEmpty(); // still running

    journal.finishProducer(r.importId(), new ImportProgress(2, 2, 0), Optional.empty(), 5);
    journal.recordWritten(r.importId(), "m1", 1, 6);
    journal.recordDeadLettered(List.of(new dev.todo.ports.ImportJournal.Written(r.importId(), "m2", 1)), 7);
    assertThat(announcements.changed(List.of(r.importId(), r.importId()))).singleElement()
        .satisfies(e -> assertThat(e.detail()).containsEntry("status", "PARTIALLY_FAILED").containsEntry("rowsFailed", 1L));
    assertThat(announcements.changed(List.of(r.importId()))).isEmpty();

    journal.recordWritten(r.importId(), "m2", 1, 8); // redriven
    assertThat(announcements.changed(List.of(r.importId()))).singleElement()
        .satisfies(e -> assertThat(e.eventId()).isEqualTo(r.importId().value() + "/COMPLETED"));
    assertThat(bus.published()).extracting(e -> e.detail().get("status")).containsExactly("PARTIALLY_FAILED", "COMPLETED");
  }

  @Test
  void anAnnouncementTheBusRefusedIsMadeOnTheNextChangeNotLost() {
    ImportRecord r = journal.begin(ImportRecord.started(ObjectRef.of("b", "import/a.csv", "e"), 1));
    journal.finishProducer(r.importId(), new ImportProgress(0, 0, 0), Optional.empty(), 5);
    ImportAnnouncements announcements = new ImportAnnouncements(journal, bus, Pipeline.CLOCK);
    bus.failWhen(e -> true);
    assertThatThrownBy(() -> announcements.changed(List.of(r.importId()))).isInstanceOf(TodoEvents.PublishException.class);
    assertThat(journal.announced(r.importId(), ImportStatus.COMPLETED)).isFalse();

    bus.failWhen(e -> false);
    assertThat(announcements.changed(List.of(r.importId()))).hasSize(1);
    assertThat(journal.announced(r.importId(), ImportStatus.COMPLETED)).isTrue();
  }

  @Test
  void peopleHearOfTodosTheyCompletedAndOfEndedImportsNeverOfEachImportedRow() {
    EventNotifier notifier = new EventNotifier(outbox);
    ImportId importId = new ImportId("i-1");
    notifier.notify(new TodoEvent("a", TodoEvent.Type.TODO_CREATED, TodoEvent.fields(OPEN)));
    notifier.notify(new TodoEvent("b", TodoEvent.Type.TODO_COMPLETED, TodoEvent.fields(DONE.writtenBy(importId))));
    notifier.notify(new TodoEvent("c", TodoEvent.Type.TODO_DELETED, TodoEvent.fields(DONE)));
    assertThat(outbox.sent()).isEmpty();

    notifier.notify(new TodoEvent("d", TodoEvent.Type.TODO_COMPLETED, TodoEvent.fields(DONE)));
    ImportRecord ended = ImportRecord.started(ObjectRef.of("b", "import/q3/todos.csv", "e"), 1)
        .withProducerFinished(new ImportProgress(12, 10, 2), Optional.of("s3://b/import-errors/todos.csv.errors.csv"), 5)
        .withWritten(10, 6);
    notifier.notify(TodoEvent.importCompleted(ended));

    assertThat(outbox.sent()).extracting(Notification::subject)
        .containsExactly("Todo \"Buy milk\" completed", "Import of todos.csv: COMPLETED_WITH_ERRORS");
    assertThat(outbox.sent().get(1).message()).contains("rows written:       10", "rows rejected:      2",
        "error report:       s3://b/import-errors/todos.csv.errors.csv");
  }
}
