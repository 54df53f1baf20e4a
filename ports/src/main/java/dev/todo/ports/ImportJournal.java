package dev.todo.ports;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each import's record: status, counters and times. Counters are exact under retries: progress only moves
 * forward and a batch of written rows is counted once however often it is delivered.
 */
public interface ImportJournal {

  /** Stores {@code fresh} unless a record with its id exists; returns the stored record either way. */
  ImportRecord begin(ImportRecord fresh);

  Optional<ImportRecord> find(ImportId id);

  /** Raises the producer's counters to {@code progress} (a lower value never lowers them). */
  void recordProgress(ImportId id, ImportProgress progress);

  /** The producer has read the whole file; {@code errorReport} is where its rejected rows are listed. */
  void finishProducer(ImportId id, ImportProgress progress, Optional<String> errorReport, long at);

  /** The file could not be imported as a whole. */
  void fail(ImportId id, String reason, long at);

  /**
   * Adds {@code rows} to the written counter unless {@code batchKey} was counted before.
   * Returns whether it counted them this time.
   */
  boolean recordWritten(ImportId id, String batchKey, int rows, long at);

  /** One import's batch of rows, written and to be counted once under {@code batchKey}. */
  record Written(ImportId importId, String batchKey, int rows) {
  }

  /**
   * Counts several written batches, each once, as {@link #recordWritten(ImportId, String, int, long)} does one;
   * returns the keys of the batches counted this time. An adapter may count them in fewer round trips.
   */
  default Set<String> recordWritten(List<Written> batches, long at) {
    Set<String> counted = new HashSet<>();
    for (Written w : batches) {
      if (recordWritten(w.importId(), w.batchKey(), w.rows(), at)) {
        counted.add(w.batchKey());
      }
    }
    return counted;
  }
}
