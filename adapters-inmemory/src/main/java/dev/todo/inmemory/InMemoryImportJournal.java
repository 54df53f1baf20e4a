package dev.todo.inmemory;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.ports.ImportCursor;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.Page;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Import records in memory, with one marker per written batch as the DynamoDB journal keeps them; every change is atomic. */
public final class InMemoryImportJournal implements ImportJournal {

  private record Marker(int rows, long at) {
  }

  /** Who reads an import's file, until when, and where the last run that paused stopped. */
  private record Producer(String run, long until, Optional<Checkpoint> resumeFrom, long sendingThrough) {

    Producer until(long later) {
      return new Producer(run, later, resumeFrom, sendingThrough);
    }

    Producer sending(long through, long later) {
      return new Producer(run, later, resumeFrom, through);
    }

    Producer paused(Checkpoint at, long later) {
      return new Producer(run, later, Optional.of(at), sendingThrough);
    }
  }

  private final Map<ImportId, ImportRecord> records = new HashMap<>();
  private final Map<ImportId, Producer> producers = new HashMap<>();
  private final Map<ImportId, Map<String, Marker>> markers = new HashMap<>();
  private final Map<ImportId, Map<String, Integer>> deadLettered = new HashMap<>();
  private final java.util.Set<String> announced = new java.util.HashSet<>();

  @Override
  public synchronized ImportRecord begin(ImportRecord fresh) {
    records.putIfAbsent(fresh.importId(), fresh);
    return find(fresh.importId()).orElseThrow();
  }

  @Override
  public synchronized Optional<ImportRecord> find(ImportId id) {
    Optional<ImportRecord> record = Optional.ofNullable(records.get(id));
    Map<String, Marker> written = markers.getOrDefault(id, Map.of());
    for (Marker m : written.values()) {
      record = record.map(r -> r.withWritten(m.rows(), m.at()));
    }
    for (Map.Entry<String, Integer> failed : deadLettered.getOrDefault(id, Map.of()).entrySet()) {
      if (!written.containsKey(failed.getKey())) {
        record = record.map(r -> r.withFailedRows(failed.getValue()));
      }
    }
    return record;
  }

  @Override
  public synchronized Claim claimProducer(ImportId id, String run, long now, long until) {
    ImportRecord record = find(id).orElseThrow(() -> new IllegalStateException("no import " + id));
    if (record.producerDone()) {
      return new Claim.Over(record);
    }
    Producer holder = producers.get(id);
    if (holder != null && !holder.run().equals(run) && holder.until() >= now) {
      return new Claim.Held(record, holder.until());
    }
    Optional<Checkpoint> resumeFrom = holder == null ? Optional.empty() : holder.resumeFrom();
    long sendingThrough = holder == null ? 0 : holder.sendingThrough();
    producers.put(id, new Producer(run, until, resumeFrom, sendingThrough));
    return new Claim.Claimed(record, resumeFrom, sendingThrough);
  }

  @Override
  public synchronized boolean recordProgress(ImportId id, String run, ImportProgress progress, long until) {
    if (!whileHeld(id, run, p -> p.until(until))) {
      return false;
    }
    update(id, r -> r.withProgress(progress));
    return true;
  }

  @Override
  public synchronized boolean recordSending(ImportId id, String run, long sendingThrough, long until) {
    return whileHeld(id, run, p -> p.sending(sendingThrough, until));
  }

  @Override
  public synchronized boolean recordPause(ImportId id, String run, Checkpoint checkpoint, long until) {
    return whileHeld(id, run, p -> p.paused(checkpoint, until));
  }

  @Override
  public synchronized void releaseProducer(ImportId id, String run) {
    whileHeld(id, run, p -> p.until(Long.MIN_VALUE));
  }

  /** Changes {@code run}'s claim if it holds the claim on reading an import that is not over; whether it did. */
  private boolean whileHeld(ImportId id, String run, UnaryOperator<Producer> change) {
    Producer holder = producers.get(id);
    ImportRecord record = records.get(id);
    if (holder == null || !holder.run().equals(run) || record == null || record.producerDone()) {
      return false;
    }
    producers.put(id, change.apply(holder));
    return true;
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
  public synchronized void recordWritten(List<Written> batches, long at) {
    for (Written w : batches) {
      markers.computeIfAbsent(w.importId(), id -> new LinkedHashMap<>()).putIfAbsent(w.batchKey(), new Marker(w.rows(), at));
    }
  }

  @Override
  public synchronized void recordDeadLettered(List<Written> batches, long at) {
    for (Written w : batches) {
      deadLettered.computeIfAbsent(w.importId(), id -> new LinkedHashMap<>()).put(w.batchKey(), w.rows());
    }
  }

  /** Most recent first; the token names the last record of the page before, by start time and id. */
  @Override
  public synchronized Page<ImportRecord> list(int limit, Optional<String> objectKey, Optional<String> token) {
    Optional<ImportCursor> after = token.map(ImportCursor::parse);
    List<ImportRecord> matching = records.values().stream()
        .filter(r -> objectKey.map(k -> r.source().key().equals(k)).orElse(true))
        .sorted(ImportCursor.MOST_RECENT_FIRST)
        .filter(r -> after.map(c -> c.isBefore(r)).orElse(true))
        .toList();
    List<ImportRecord> page = matching.stream().limit(limit).map(r -> find(r.importId()).orElseThrow()).toList();
    Optional<String> next = matching.size() > limit ? Optional.of(ImportCursor.of(page.get(page.size() - 1)).token())
        : Optional.empty();
    return new Page<>(page, next);
  }

  public synchronized List<ImportRecord> all() {
    return records.keySet().stream().map(id -> find(id).orElseThrow()).toList();
  }

  private synchronized void update(ImportId id, UnaryOperator<ImportRecord> change) {
    if (records.computeIfPresent(id, (k, r) -> change.apply(r)) == null) {
      throw new IllegalStateException("no import " + id);
    }
  }

  @Override
  public synchronized boolean announced(ImportId id, ImportStatus status) {
    return announced.contains(id.value() + "/" + status);
  }

  @Override
  public synchronized void markAnnounced(ImportId id, ImportStatus status, long at) {
    announced.add(id.value() + "/" + status);
  }
}
