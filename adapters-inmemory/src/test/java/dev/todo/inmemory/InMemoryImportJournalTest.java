package dev.todo.inmemory;

import dev.todo.ports.ImportJournal;
import dev.todo.ports.contract.ImportJournalContract;

class InMemoryImportJournalTest extends ImportJournalContract {

  private final InMemoryImportJournal journal = new InMemoryImportJournal();

  @Override
  protected ImportJournal journal() {
    return journal;
  }
}
