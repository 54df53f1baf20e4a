package dev.todo.inmemory;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.ports.ImportJournal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Import records in memory; every change is atomic. */
public final class InMemoryImportJournal implements ImportJournal {

  private final Map<ImportId, ImportRecord> records = new HashMap<>();
  private final Set<String> countedBatches = new HashSet<>();

  @Override
  public synchronized ImportRecord begin(ImportRecord fresh) {
    return records.computeIfAbsent(fresh.importId(), id -> fresh);
  }

  @Override
  public synchronized Optional<ImportRecord> find(ImportId id) {
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public void recordProgress(ImportId id, ImportProgress progress) {
    update(id, r -> r.withProgress(progress));
  }

  @Override
  public void finishProducer(ImportId id, ImportProgress progress, Optional<String> errorReport, long at) {
    update(id, r -> r.withProducerFinished(progress, errorReport, at));
  }

  @Override
  public void fail(ImportId id, String reason, long at) {
    update(id, r -> r.withFailure(reason, at));
  }

  @Override
  public synchronized boolean recordWritten(ImportId id, String batchKey, int rows, long at) {
    if (!records.containsKey(id) || !countedBatches.add(batchKey)) {
      return false;
    }
    update(id, r -> r.withWritten(rows, at));
    return true;
  }

  public synchronized List<ImportRecord> all() {
    return List.copyOf(records.values());
  }

  private synchronized void update(ImportId id, UnaryOperator<ImportRecord> change) {
    if (records.computeIfPresent(id, (k, r) -> change.apply(r)) == null) {
      throw new IllegalStateException("no import " + id);
    }
  }
}
