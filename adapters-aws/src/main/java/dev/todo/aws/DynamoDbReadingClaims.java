package dev.todo.aws;

import static dev.todo.aws.DynamoDbImportJournal.COUNTERS_BEHIND;
import static dev.todo.aws.DynamoDbImportJournal.NOT_OVER;
import static dev.todo.aws.DynamoDbImportJournal.RECORD;
import static dev.todo.aws.JournalItems.key;
import static dev.todo.aws.JournalItems.n;
import static dev.todo.aws.JournalItems.number;
import static dev.todo.aws.JournalItems.s;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.CheckpointCodec;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.MalformedMessageException;
import dev.todo.ports.ImportJournal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The claim on reading an import's file, on the import's journal record: {@code producerRun} until
 * {@code producerUntil}, and {@code resumeFrom}, the checkpoint of the last pause; each changed by one conditional
 * UpdateItem, so of two runs claiming at once one is granted, and a run that lost its claim changes nothing.
 */
final class DynamoDbReadingClaims {

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Function<ImportId, Optional<ImportRecord>> find;

  DynamoDbReadingClaims(DynamoDbClient dynamoDb, String table, Function<ImportId, Optional<ImportRecord>> find) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.find = find;
  }

  ImportJournal.Claim claim(ImportId id, String run, long now, long until) {
    try {
      Map<String, AttributeValue> before = dynamoDb.updateItem(r -> r.tableName(table).key(key(id))
          .updateExpression("SET producerRun = :run, producerUntil = :until")
          .conditionExpression("attribute_exists(pk) AND " + NOT_OVER
              + " AND (attribute_not_exists(producerRun) OR producerRun = :run OR producerUntil < :now)")
          .expressionAttributeValues(Map.of(":run", s(run), ":until", n(until), ":now", n(now)))
          .returnValues(ReturnValue.ALL_OLD)).attributes(); // the claim leaves resumeFrom as it was
      Optional<Checkpoint> resumeFrom = Optional.empty();
      if (before.containsKey("resumeFrom")) {
        try {
          resumeFrom = Optional.of(CheckpointCodec.decode(before.get("resumeFrom").s()));
        } catch (MalformedMessageException e) {
          throw new IllegalStateException("import " + id + " has a checkpoint this version cannot read", e);
        }
      }
      return new ImportJournal.Claim.Claimed(find.apply(id).orElseThrow(), resumeFrom,
          number(before, "sendingThrough").orElse(0L));
    } catch (ConditionalCheckFailedException e) {
      ImportRecord record = find.apply(id).orElseThrow(() -> new IllegalStateException("no import " + id));
      if (record.producerDone()) {
        return new ImportJournal.Claim.Over(record);
      }
      // a Query, not a GetItem: the importer's role may query the journal, as find does, and get no more
      List<Map<String, AttributeValue>> items = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND sk = :sk").projectionExpression("producerUntil")
          .expressionAttributeValues(Map.of(":pk", s(id.value()), ":sk", s(RECORD)))).items();
      return new ImportJournal.Claim.Held(record, items.isEmpty() ? now : number(items.get(0), "producerUntil").orElse(now));
    }
  }

  boolean recordProgress(ImportId id, String run, ImportProgress p, long until) {
    try {
      dynamoDb.updateItem(r -> r.tableName(table).key(key(id))
          .updateExpression("SET rowsRead = :r, rowsQueued = :q, rowsRejected = :x, producerUntil = :until")
          .conditionExpression("producerRun = :run AND " + NOT_OVER + " AND " + COUNTERS_BEHIND)
          .expressionAttributeValues(Map.of(":r", n(p.rowsRead()), ":q", n(p.rowsQueued()), ":x", n(p.rowsRejected()),
              ":run", s(run), ":until", n(until))));
      return true;
    } catch (ConditionalCheckFailedException claimLostOrBehind) {
      // behind a run that died further along (this one took over from its last checkpoint): the claim alone moves on
      return whileHeld(id, run, "SET producerUntil = :until", Map.of(":until", n(until)));
    }
  }

  boolean recordSending(ImportId id, String run, long sendingThrough, long until) {
    return whileHeld(id, run, "SET producerUntil = :until, sendingThrough = :through",
        Map.of(":until", n(until), ":through", n(sendingThrough)));
  }

  boolean recordPause(ImportId id, String run, Checkpoint checkpoint, long until) {
    return whileHeld(id, run, "SET producerUntil = :until, resumeFrom = :from",
        Map.of(":until", n(until), ":from", s(CheckpointCodec.encode(checkpoint))));
  }

  /** Gives {@code run}'s claim up, if it holds it; whether it did. */
  boolean release(ImportId id, String run) {
    return whileHeld(id, run, "SET producerUntil = :until", Map.of(":until", n(0)));
  }

  /**
   * Gives every standing claim on reading a file up, for a cloud that starts knowing that no run of it is alive (the
   * local cloud on its data directory after a kill): the next turn at each of those imports goes on at once instead of
   * waiting for the dead run's claim to run out. Returns the imports whose claims it gave up. A scan: for start-up only.
   */
  List<ImportId> releaseEvery(long now) {
    List<ImportId> released = new ArrayList<>();
    for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)
        .filterExpression("sk = :import AND producerUntil >= :now AND " + NOT_OVER)
        .projectionExpression("pk, producerRun")
        .expressionAttributeValues(Map.of(":import", s(RECORD), ":now", n(now)))).items()) {
      ImportId id = new ImportId(item.get(StackLayout.JOURNAL_KEY).s());
      if (release(id, item.get("producerRun").s())) {
        released.add(id);
      }
    }
    return released;
  }

  /** Makes {@code update} if {@code run} holds the claim on reading a file that is not over; whether it did. */
  private boolean whileHeld(ImportId id, String run, String update, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":run", s(run));
    try {
      dynamoDb.updateItem(r -> r.tableName(table).key(key(id)).updateExpression(update)
          .conditionExpression("producerRun = :run AND " + NOT_OVER).expressionAttributeValues(all));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }
}
