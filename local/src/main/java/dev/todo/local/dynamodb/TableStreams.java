package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * DynamoDB Streams, locally: dynalite has no Streams API, so the proxy in front of it hands every write to a
 * streamed table through here. For a stream with images, the items a write touches are read before it, the write
 * is forwarded, and they are read again after it, holding a lock per key (so the images are exact, as a shard's
 * are); each change becomes an INSERT, MODIFY or REMOVE record (a write that changed nothing none) appended to the
 * table's stream log, which its shard drains. A keys-only stream is recorded without reads: MODIFY for every write (even one that
 * changed nothing: its consumer reads what it needs), REMOVE for a delete. Reads, and writes to other tables, pass
 * straight through.
 *
 * <p>A real stream commits a record with its write; here the record follows the write, so each write is first
 * announced to the shard's {@link StreamLog} as an intent (its keys and the images before it) and ended once its
 * records are in: a process killed between the write and its records leaves the intent open, and {@link #recover}
 * makes the records at the next start. A write that fails or is left unprocessed makes no record.
 */
public final class TableStreams {

  /** One streamed table: its key attributes, its stream's view, and the log its records go to (its shard reads them from there). */
  public record Streamed(String table, List<String> keys, String viewType, StreamLog log) {
  }

  /** DynamoDB's JSON protocol, raw: an operation and its body, the response's status and body. */
  interface Dynamo {
    Answer call(String operation, byte[] body) throws IOException, InterruptedException;
  }

  record Answer(int status, byte[] body) {
  }

  private static final String NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES";

  private final Map<String, Streamed> tables = new LinkedHashMap<>();
  /**
   * Lock stripes: enough that two batch writes of 25 keys seldom share one (about one pair in seven). With 64, a batch
   * held a third of them and every two batches at once waited on each other: the writers' 32 requests in flight went
   * one at a time (a read, the write, a read), and an import with the event path on wrote about 425 rows a second.
   */
  static final int STRIPES = 4096;
  private final ReentrantLock[] stripes = java.util.stream.Stream.generate(ReentrantLock::new).limit(STRIPES)
      .toArray(ReentrantLock[]::new);

  public void stream(Streamed table) {
    tables.put(table.table(), table);
  }

  /** Forwards a request; if it writes to a streamed table, the stream's log gets the records of what it changed. */
  Answer forward(String operation, byte[] body, Dynamo dynamo) throws IOException, InterruptedException {
    if (!DynamoDbRequests.isWrite(operation) || tables.isEmpty()) {
      return dynamo.call(operation, body);
    }
    JsonNode request = DynamoDbRequests.JSON.readTree(body);
    Map<Streamed, List<ObjectNode>> touched = touched(operation, request, true);
    if (touched.isEmpty()) {
      return dynamo.call(operation, body);
    }
    Map<Streamed, List<ObjectNode>> imaged = new LinkedHashMap<>(touched);
    imaged.keySet().removeIf(t -> !t.viewType().equals(NEW_AND_OLD_IMAGES));
    List<ReentrantLock> locks = locks(imaged);
    locks.forEach(ReentrantLock::lock);
    try {
      Map<Streamed, Map<String, JsonNode>> before = read(imaged, dynamo);
      Map<Streamed, Long> intents = new LinkedHashMap<>(); // kept with the records: a kill before they are in is recovered
      touched.forEach((table, keys) -> intents.put(table, table.log().intend(keys, before.getOrDefault(table, Map.of()))));
      Answer answer = dynamo.call(operation, body);
      if (answer.status() != 200) {
        intents.forEach((table, intent) -> table.log().ended(intent));
        return answer;
      }
      Map<Streamed, List<ObjectNode>> done = withoutUnprocessed(operation, touched, DynamoDbRequests.JSON.readTree(answer.body()));
      Map<Streamed, List<ObjectNode>> doneImaged = new LinkedHashMap<>(done);
      doneImaged.keySet().removeIf(t -> !imaged.containsKey(t));
      Map<Streamed, Map<String, JsonNode>> after = read(doneImaged, dynamo);
      Map<Streamed, List<ObjectNode>> deleted = imaged.keySet().containsAll(done.keySet()) ? Map.of() // no keys-only table
          : touched(operation, request, false);
      long now = Instant.now().getEpochSecond();
      done.forEach((table, keys) -> {
        for (ObjectNode key : keys) {
          if (imaged.containsKey(table)) {
            String id = key.toString();
            record(table, key, Optional.ofNullable(before.get(table).get(id)), Optional.ofNullable(after.get(table).get(id)), now);
          } else { // keys only: no reads; a write is a MODIFY (even one that changed nothing), a delete a REMOVE
            boolean removed = operation.equals("DeleteItem") || deleted.getOrDefault(table, List.of()).contains(key);
            append(table, removed ? "REMOVE" : "MODIFY", key, Optional.empty(), Optional.empty(), now);
          }
        }
      });
      intents.forEach((table, intent) -> table.log().ended(intent));
      return answer;
    } finally {
      locks.forEach(ReentrantLock::unlock);
    }
  }

  /**
   * Makes the records of the writes a killed process had sent but not yet recorded: for each intent its log kept
   * open, the keys are read as they are now and compared with what they held before (a keys-only stream gets a
   * MODIFY per key, harmless to its consumer). Called at start, before any function writes.
   */
  void recover(Dynamo dynamo) throws IOException, InterruptedException {
    long now = Instant.now().getEpochSecond();
    for (Streamed table : tables.values()) {
      for (WriteIntent intent : table.log().openIntents()) {
        if (table.viewType().equals(NEW_AND_OLD_IMAGES)) {
          Map<String, JsonNode> current = read(Map.of(table, intent.keys()), dynamo).get(table);
          for (ObjectNode key : intent.keys()) {
            String id = key.toString();
            record(table, key, Optional.ofNullable(intent.before().get(id)), Optional.ofNullable(current.get(id)), now);
          }
        } else {
          intent.keys().forEach(key -> append(table, "MODIFY", key, Optional.empty(), Optional.empty(), now));
        }
        table.log().ended(intent.id());
      }
    }
  }

  /** The stripes of the keys whose images are read: one write at a time per key, so its images are exact. */
  private List<ReentrantLock> locks(Map<Streamed, List<ObjectNode>> keys) {
    return stripesOf(keys).stream().map(i -> stripes[i]).toList();
  }

  /** The numbers of the keys' stripes, ascending: taken in that order, two writes never wait on each other in a circle. */
  static java.util.SortedSet<Integer> stripesOf(Map<Streamed, List<ObjectNode>> keys) {
    java.util.SortedSet<Integer> numbers = new java.util.TreeSet<>();
    keys.forEach((table, list) -> list.forEach(k -> numbers.add(Math.floorMod((table.table() + k).hashCode(), STRIPES))));
    return numbers;
  }

  /**
   * The keys of streamed tables the request writes, by table: all of them, or ({@code puts} false) only those that
   * a batch or a transaction deletes.
   */
  private Map<Streamed, List<ObjectNode>> touched(String operation, JsonNode request, boolean puts) {
    Map<Streamed, List<ObjectNode>> keys = new LinkedHashMap<>();
    DynamoDbRequests.written(operation, request, puts).forEach(w -> add(keys, w.table(), w.itemOrKey()));
    return keys;
  }

  private void add(Map<Streamed, List<ObjectNode>> keys, String table, JsonNode itemOrKey) {
    Streamed streamed = tables.get(table);
    if (streamed != null) {
      keys.computeIfAbsent(streamed, t -> new ArrayList<>()).add(key(streamed, itemOrKey));
    }
  }

  private static ObjectNode key(Streamed table, JsonNode itemOrKey) {
    ObjectNode key = DynamoDbRequests.JSON.createObjectNode();
    table.keys().forEach(k -> key.set(k, itemOrKey.path(k)));
    return key;
  }

  /** A BatchWriteItem's unprocessed items were not written: they make no record (the caller sends them again). */
  private Map<Streamed, List<ObjectNode>> withoutUnprocessed(String operation, Map<Streamed, List<ObjectNode>> touched, JsonNode answer) {
    if (!operation.equals("BatchWriteItem") || answer.path("UnprocessedItems").isEmpty()) {
      return touched;
    }
    Map<Streamed, List<ObjectNode>> unprocessed = touched(operation, DynamoDbRequests.JSON.createObjectNode()
        .set("RequestItems", answer.path("UnprocessedItems")), true);
    Map<Streamed, List<ObjectNode>> done = new LinkedHashMap<>();
    touched.forEach((table, keys) -> done.put(table, keys.stream()
        .filter(k -> !unprocessed.getOrDefault(table, List.of()).contains(k)).toList()));
    return done;
  }

  /** The items under these keys now, by table and key (absent when there is none), with strongly consistent reads. */
  private static Map<Streamed, Map<String, JsonNode>> read(Map<Streamed, List<ObjectNode>> keys, Dynamo dynamo)
      throws IOException, InterruptedException {
    Map<Streamed, Map<String, JsonNode>> items = new LinkedHashMap<>();
    for (Map.Entry<Streamed, List<ObjectNode>> table : keys.entrySet()) {
      Map<String, JsonNode> found = new LinkedHashMap<>();
      items.put(table.getKey(), found);
      List<ObjectNode> distinct = table.getValue().stream().distinct().toList();
      for (int from = 0; from < distinct.size(); from += 100) {
        ArrayNode wanted = DynamoDbRequests.JSON.createArrayNode().addAll(distinct.subList(from, Math.min(distinct.size(), from + 100)));
        ObjectNode request = DynamoDbRequests.JSON.createObjectNode();
        request.putObject("RequestItems").putObject(table.getKey().table()).put("ConsistentRead", true).set("Keys", wanted);
        while (request.path("RequestItems").size() > 0) {
          Answer answer = dynamo.call("BatchGetItem", DynamoDbRequests.JSON.writeValueAsBytes(request));
          JsonNode body = DynamoDbRequests.JSON.readTree(answer.body());
          if (answer.status() != 200) {
            throw new IOException("reading the items of table " + table.getKey().table() + " for its stream failed: " + body);
          }
          for (JsonNode item : body.path("Responses").path(table.getKey().table())) {
            found.put(key(table.getKey(), item).toString(), item);
          }
          request.set("RequestItems", body.path("UnprocessedKeys"));
        }
      }
    }
    return items;
  }

  private void record(Streamed table, ObjectNode key, Optional<JsonNode> before, Optional<JsonNode> after, long at) {
    String name;
    if (before.isEmpty() && after.isPresent()) {
      name = "INSERT";
    } else if (before.isPresent() && after.isPresent()) {
      if (before.get().equals(after.get())) {
        return; // DynamoDB streams no record for a write that changed nothing
      }
      name = "MODIFY";
    } else if (before.isPresent()) {
      name = "REMOVE";
    } else {
      return;
    }
    append(table, name, key, before, after, at);
  }

  /** Appends a record of the change to the table's stream log, with the images given (none for a keys-only stream). */
  private void append(Streamed table, String name, ObjectNode key, Optional<JsonNode> before, Optional<JsonNode> after, long at) {
    ObjectNode dynamodb = DynamoDbRequests.JSON.createObjectNode().put("ApproximateCreationDateTime", at);
    dynamodb.set("Keys", key);
    after.ifPresent(i -> dynamodb.set("NewImage", i));
    before.ifPresent(i -> dynamodb.set("OldImage", i));
    try {
      int size = DynamoDbRequests.JSON.writeValueAsBytes(dynamodb).length;
      dynamodb.put("SizeBytes", size).put("StreamViewType", table.viewType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    table.log().append(UUID.randomUUID().toString().replace("-", ""), name, dynamodb);
  }
}
