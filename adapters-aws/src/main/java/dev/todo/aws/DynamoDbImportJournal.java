package dev.todo.aws;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.ports.ImportJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Import records in a DynamoDB table keyed by {@code pk}: one item per import ({@code import#<id>}) and one
 * marker per counted batch ({@code batch#<key>}, expiring after {@link #MARKER_TTL}). A batch's rows are added
 * to the counter in the same transaction that creates its marker, so a redelivered message is counted once.
 */
public final class DynamoDbImportJournal implements ImportJournal {

  public static final String KEY = "pk";
  public static final String TTL_ATTRIBUTE = "expiresAt";
  static final Duration MARKER_TTL = Duration.ofDays(30);
  /** A transaction holds at most 100 items: the markers and the import's counter. */
  private static final int MARKERS_PER_TRANSACTION = 99;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Backoff backoff;

  public DynamoDbImportJournal(DynamoDbClient dynamoDb, String table, Backoff backoff) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.backoff = backoff;
  }

  @Override
  public ImportRecord begin(ImportRecord fresh) {
    try {
      dynamoDb.putItem(r -> r.tableName(table).item(toItem(fresh)).conditionExpression("attribute_not_exists(pk)"));
      return fresh;
    } catch (ConditionalCheckFailedException e) {
      return find(fresh.importId()).orElseThrow(() -> new IllegalStateException("import " + fresh.importId() + " vanished"));
    }
  }

  @Override
  public Optional<ImportRecord> find(ImportId id) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public void recordProgress(ImportId id, ImportProgress p) {
    try {
      dynamoDb.updateItem(r -> r.tableName(table).key(key(id))
          .updateExpression("SET rowsRead = :r, rowsQueued = :q, rowsRejected = :x")
          .conditionExpression("attribute_exists(pk) AND rowsRead <= :r AND rowsQueued <= :q AND rowsRejected <= :x")
          .expressionAttributeValues(Map.of(":r", n(p.rowsRead()), ":q", n(p.rowsQueued()), ":x", n(p.rowsRejected()))));
    } catch (ConditionalCheckFailedException behind) {
      // another run of the same import is further along: counters never go back
    }
  }

  @Override
  public void finishProducer(ImportId id, ImportProgress p, Optional<String> errorReport, long at) {
    recordProgress(id, p);
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":at", n(at)));
    String update = "SET producerFinishedAt = if_not_exists(producerFinishedAt, :at)";
    if (errorReport.isPresent()) {
      update += ", errorReport = :report";
      values.put(":report", s(errorReport.get()));
    }
    String expression = update;
    dynamoDb.updateItem(r -> r.tableName(table).key(key(id)).updateExpression(expression)
        .conditionExpression("attribute_exists(pk)").expressionAttributeValues(values));
  }

  @Override
  public void fail(ImportId id, String reason, long at) {
    dynamoDb.updateItem(r -> r.tableName(table).key(key(id)).updateExpression("SET failure = :f, failedAt = :at")
        .conditionExpression("attribute_exists(pk)").expressionAttributeValues(Map.of(":f", s(reason), ":at", n(at))));
  }

  @Override
  public boolean recordWritten(ImportId id, String batchKey, int rows, long at) {
    return transact(List.of(marker(batchKey, rows, at), count(id, rows, at)));
  }

  /**
   * Counts the batches of each import in one transaction (their markers and one counter update, up to 100
   * items); only when some batch was counted before (a redelivery) are that transaction's batches counted one
   * by one, so the rest still count.
   */
  @Override
  public Set<String> recordWritten(List<Written> batches, long at) {
    Map<String, Written> unique = new LinkedHashMap<>();
    batches.forEach(w -> unique.putIfAbsent(w.batchKey(), w));
    Map<ImportId, List<Written>> byImport = new LinkedHashMap<>();
    unique.values().forEach(w -> byImport.computeIfAbsent(w.importId(), i -> new ArrayList<>()).add(w));
    Set<String> counted = new HashSet<>();
    byImport.forEach((id, list) -> {
      for (int from = 0; from < list.size(); from += MARKERS_PER_TRANSACTION) {
        List<Written> chunk = list.subList(from, Math.min(list.size(), from + MARKERS_PER_TRANSACTION));
        if (chunk.size() > 1 && countTogether(id, chunk, at)) {
          chunk.forEach(w -> counted.add(w.batchKey()));
        } else {
          chunk.stream().filter(w -> recordWritten(id, w.batchKey(), w.rows(), at)).forEach(w -> counted.add(w.batchKey()));
        }
      }
    });
    return counted;
  }

  private boolean countTogether(ImportId id, List<Written> chunk, long at) {
    List<TransactWriteItem> items = new ArrayList<>();
    int rows = 0;
    for (Written w : chunk) {
      items.add(marker(w.batchKey(), w.rows(), at));
      rows += w.rows();
    }
    items.add(count(id, rows, at));
    return transact(items);
  }

  private TransactWriteItem marker(String batchKey, int rows, long at) {
    long expires = at / 1000 + MARKER_TTL.toSeconds();
    return TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(Map.of(KEY, s("batch#" + batchKey), "rows", n(rows), TTL_ATTRIBUTE, n(expires)))
        .conditionExpression("attribute_not_exists(pk)")).build();
  }

  private TransactWriteItem count(ImportId id, int rows, long at) {
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(id))
        .updateExpression("ADD rowsWritten :n SET lastWrittenAt = :at")
        .conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":n", n(rows), ":at", n(at)))).build();
  }

  /** Runs the transaction; false when a condition failed (counted before, or no such import). */
  private boolean transact(List<TransactWriteItem> items) {
    for (int attempt = 1; ; attempt++) {
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
        return true;
      } catch (TransactionCanceledException e) {
        boolean conditionFailed = e.cancellationReasons().stream().map(CancellationReason::code)
            .anyMatch("ConditionalCheckFailed"::equals);
        if (conditionFailed) {
          return false;
        }
        if (attempt >= backoff.maxAttempts()) {
          throw e;
        }
        backoff.pause(attempt); // a concurrent transaction on the same import: try again
      }
    }
  }

  private static Map<String, AttributeValue> key(ImportId id) {
    return Map.of(KEY, s("import#" + id.value()));
  }

  private static Map<String, AttributeValue> toItem(ImportRecord r) {
    Map<String, AttributeValue> item = new HashMap<>(key(r.importId()));
    item.put("importId", s(r.importId().value()));
    item.put("bucket", s(r.source().bucket()));
    item.put("objectKey", s(r.source().key()));
    r.source().versionId().ifPresent(v -> item.put("versionId", s(v)));
    r.source().eTag().ifPresent(e -> item.put("eTag", s(e)));
    item.put("startedAt", n(r.startedAt()));
    item.put("rowsRead", n(r.progress().rowsRead()));
    item.put("rowsQueued", n(r.progress().rowsQueued()));
    item.put("rowsRejected", n(r.progress().rowsRejected()));
    item.put("rowsWritten", n(r.rowsWritten()));
    r.producerFinishedAt().ifPresent(v -> item.put("producerFinishedAt", n(v)));
    r.lastWrittenAt().ifPresent(v -> item.put("lastWrittenAt", n(v)));
    r.errorReport().ifPresent(v -> item.put("errorReport", s(v)));
    r.failure().ifPresent(v -> item.put("failure", s(v)));
    r.failedAt().ifPresent(v -> item.put("failedAt", n(v)));
    return item;
  }

  private static ImportRecord fromItem(Map<String, AttributeValue> item) {
    ObjectRef source = new ObjectRef(item.get("bucket").s(), item.get("objectKey").s(), text(item, "versionId"),
        text(item, "eTag"));
    return new ImportRecord(new ImportId(item.get("importId").s()), source, number(item, "startedAt").orElse(0L),
        new ImportProgress(number(item, "rowsRead").orElse(0L), number(item, "rowsQueued").orElse(0L),
            number(item, "rowsRejected").orElse(0L)),
        number(item, "rowsWritten").orElse(0L), number(item, "producerFinishedAt"), number(item, "lastWrittenAt"),
        text(item, "errorReport"), text(item, "failure"), number(item, "failedAt"));
  }

  private static Optional<String> text(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
  }

  private static Optional<Long> number(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Long::parseLong);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
