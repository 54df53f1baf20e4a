package dev.todo.aws;

import static dev.todo.aws.JournalItems.fromItem;
import static dev.todo.aws.JournalItems.key;
import static dev.todo.aws.JournalItems.n;
import static dev.todo.aws.JournalItems.s;
import static dev.todo.aws.JournalItems.toItem;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.ports.ImportCursor;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.Page;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Import records in a DynamoDB table keyed by {@code pk} (the import id) and {@code sk}: the record itself under
 * {@code sk = import}, and one marker per written message under {@code sk = written#<batch key>} that carries the
 * message's row count and the time it was first written. A message written again updates its marker to the same
 * count, so the written count, the sum of the markers read with the record in one query, stays exact with
 * single-item writes and no conditions that can fail. A message that goes to the dead-letter queue leaves a
 * {@code failed#<batch key>} marker; its rows count as failed while no written marker has the same key. The record also
 * holds the claim on reading the file and the checkpoint its last pause left ({@link DynamoDbReadingClaims}).
 */
public final class DynamoDbImportJournal implements ImportJournal {

  private static final String KEY = StackLayout.JOURNAL_KEY;
  private static final String SORT_KEY = StackLayout.JOURNAL_SORT_KEY;
  static final String RECORD = "import";
  private static final String WRITTEN = "written#";
  private static final String FAILED = "failed#";
  private static final String ANNOUNCED = "announced#";
  /** Reading is over once the producer has finished or the import has failed. */
  static final String NOT_OVER = "attribute_not_exists(producerFinishedAt) AND attribute_not_exists(failure)";
  /** The stored counters are at most the new ones, so writing them never lowers one. */
  static final String COUNTERS_BEHIND = "rowsRead <= :r AND rowsQueued <= :q AND rowsRejected <= :x";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbReadingClaims claims;

  public DynamoDbImportJournal(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.claims = new DynamoDbReadingClaims(dynamoDb, table, this::find);
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

  /** The record and its markers, in one strongly consistent query (more pages only past ~8,000 messages). */
  @Override
  public Optional<ImportRecord> find(ImportId id) {
    QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(id.value()))).build();
    Optional<ImportRecord> record = Optional.empty();
    long written = 0;
    Optional<Long> lastWrittenAt = Optional.empty();
    Set<String> writtenKeys = new HashSet<>();
    Map<String, Long> failed = new HashMap<>();
    for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(query).items()) {
      String sk = item.get(SORT_KEY).s();
      if (!sk.equals(RECORD) && !item.containsKey("rows")) {
        // a marker made by its UpdateItem but not yet given its count: moto (not DynamoDB, whose items change whole)
        // shows one to a query at the same moment; it counts once it has one
        continue;
      }
      if (sk.equals(RECORD)) {
        record = Optional.of(fromItem(item));
      } else if (sk.startsWith(FAILED)) {
        failed.put(sk.substring(FAILED.length()), Long.parseLong(item.get("rows").n()));
      } else if (sk.startsWith(WRITTEN)) {
        writtenKeys.add(sk.substring(WRITTEN.length()));
        written += Long.parseLong(item.get("rows").n());
        long at = Long.parseLong(item.get("at").n());
        lastWrittenAt = Optional.of(Math.max(at, lastWrittenAt.orElse(at)));
      }
    }
    long rows = written;
    Optional<Long> last = lastWrittenAt;
    long rowsFailed = failed.entrySet().stream().filter(e -> !writtenKeys.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    return record.map(r -> last.map(at -> r.withWritten(rows, at)).orElse(r).withFailedRows(rowsFailed));
  }

  /**
   * One query of a listing index (keys only, newest first), then each record with its counters: {@code limit + 1}
   * queries for a page.
   */
  @Override
  public Page<ImportRecord> list(int limit, Optional<String> objectKey, Optional<String> token) {
    Optional<ImportCursor> after = token.map(ImportCursor::parse);
    String partition = objectKey.isPresent() ? StackLayout.JOURNAL_OBJECT_KEY : StackLayout.JOURNAL_KIND;
    AttributeValue partitionValue = s(objectKey.orElse(RECORD));
    QueryRequest.Builder query = QueryRequest.builder().tableName(table)
        .indexName(objectKey.isPresent() ? StackLayout.JOURNAL_BY_KEY : StackLayout.JOURNAL_BY_START)
        .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", partition))
        .expressionAttributeValues(Map.of(":p", partitionValue)).scanIndexForward(false).limit(limit);
    after.ifPresent(c -> query.exclusiveStartKey(Map.of(partition, partitionValue, StackLayout.JOURNAL_STARTED_AT,
        n(c.startedAt()), KEY, s(c.importId().value()), SORT_KEY, s(RECORD))));
    QueryResponse response = dynamoDb.query(query.build());
    List<ImportRecord> page = new ArrayList<>();
    for (Map<String, AttributeValue> keys : response.items()) {
      find(new ImportId(keys.get(KEY).s())).ifPresent(page::add);
    }
    Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !page.isEmpty()
        ? Optional.of(ImportCursor.of(page.get(page.size() - 1)).token()) : Optional.empty();
    return new Page<>(page, next);
  }

  @Override
  public Claim claimProducer(ImportId id, String run, long now, long until) {
    return claims.claim(id, run, now, until);
  }

  @Override
  public boolean recordProgress(ImportId id, String run, ImportProgress progress, long until) {
    return claims.recordProgress(id, run, progress, until);
  }

  @Override
  public boolean recordSending(ImportId id, String run, long sendingThrough, long until) {
    return claims.recordSending(id, run, sendingThrough, until);
  }

  @Override
  public boolean recordPause(ImportId id, String run, Checkpoint checkpoint, long until) {
    return claims.recordPause(id, run, checkpoint, until);
  }

  @Override
  public void releaseProducer(ImportId id, String run) {
    claims.release(id, run);
  }

  /** See {@link DynamoDbReadingClaims#releaseEvery}: for a cloud that starts knowing that no run of it is alive. */
  public List<ImportId> releaseEveryClaim(long now) {
    return claims.releaseEvery(now);
  }

  @Override
  public void finishProducer(ImportId id, ImportProgress p, Optional<String> errorReport, long at) {
    try {
      dynamoDb.updateItem(r -> r.tableName(table).key(key(id))
          .updateExpression("SET rowsRead = :r, rowsQueued = :q, rowsRejected = :x")
          .conditionExpression("attribute_exists(pk) AND " + COUNTERS_BEHIND)
          .expressionAttributeValues(Map.of(":r", n(p.rowsRead()), ":q", n(p.rowsQueued()), ":x", n(p.rowsRejected()))));
    } catch (ConditionalCheckFailedException behind) {
      // another run of the same import is further along: counters never go back
    }
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

  /** One single-item update per batch: sets its row count, and its time only the first time. */
  @Override
  public void recordWritten(List<Written> batches, long at) {
    mark(WRITTEN, batches, at);
  }

  @Override
  public void recordDeadLettered(List<Written> batches, long at) {
    mark(FAILED, batches, at);
  }

  private void mark(String kind, List<Written> batches, long at) {
    Map<String, Written> unique = new LinkedHashMap<>();
    batches.forEach(w -> unique.putIfAbsent(w.batchKey(), w));
    for (Written w : unique.values()) {
      dynamoDb.updateItem(r -> r.tableName(table)
          .key(Map.of(KEY, s(w.importId().value()), SORT_KEY, s(kind + w.batchKey())))
          .updateExpression("SET #rows = :rows, #at = if_not_exists(#at, :at)")
          .expressionAttributeNames(Map.of("#rows", "rows", "#at", "at"))
          .expressionAttributeValues(Map.of(":rows", n(w.rows()), ":at", n(at))));
    }
  }

  @Override
  public boolean announced(ImportId id, ImportStatus status) {
    return dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(announcement(id, status))).hasItem();
  }

  @Override
  public void markAnnounced(ImportId id, ImportStatus status, long at) {
    Map<String, AttributeValue> item = new HashMap<>(announcement(id, status));
    item.put("at", n(at));
    dynamoDb.putItem(r -> r.tableName(table).item(item));
  }

  private static Map<String, AttributeValue> announcement(ImportId id, ImportStatus status) {
    return Map.of(KEY, s(id.value()), SORT_KEY, s(ANNOUNCED + status.name()));
  }
}
