package dev.todo.usecase;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.TodoEvent;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.TodoEvents;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Announces each import that reached a final state with one {@code importCompleted} event, once per final status it
 * reaches: told that an import's journal changed, it reads the import, and announces it if it has ended and was not
 * announced in that status yet. The mark is set after the event is on the bus, so a failure between the two repeats
 * the event (with the same id) rather than losing it.
 */
public final class ImportAnnouncements {

  private final ImportJournal journal;
  private final TodoEvents events;
  private final Clock clock;

  public ImportAnnouncements(ImportJournal journal, TodoEvents events, Clock clock) {
    this.journal = journal;
    this.events = events;
    this.clock = clock;
  }

  /** Announces those of {@code imports} that ended since they were last announced; answers what it announced. */
  public List<TodoEvent> changed(Collection<ImportId> imports) {
    return imports.stream().distinct().map(this::announce).flatMap(Optional::stream).toList();
  }

  private Optional<TodoEvent> announce(ImportId id) {
    Optional<ImportRecord> record = journal.find(id);
    if (record.isEmpty() || record.get().status() == ImportStatus.RUNNING || journal.announced(id, record.get().status())) {
      return Optional.empty();
    }
    TodoEvent completed = TodoEvent.importCompleted(record.get());
    events.publish(List.of(completed));
    journal.markAnnounced(id, record.get().status(), clock.millis());
    return Optional.of(completed);
  }
}
