package dev.todo.aws;

import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
import dev.todo.ports.Page;
import dev.todo.ports.PageTokens;
import dev.todo.ports.TodoRepository;
import dev.todo.ports.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Todos in DynamoDB, mapped by {@link TodoTableSchema}; batch writes go through the plain client with the same schema's
 * items, patches as one {@code UpdateItem} each ({@link TodoPatchWrite}). Batches are written 25 items a call, several calls in flight; unprocessed items
 * are retried with exponential backoff and jitter, and reported as not written when they keep coming back, so
 * the queue message that carried them is retried.
 */
public final class DynamoDbTodoRepository implements TodoRepository, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DynamoDbTodoRepository.class.getName());
  private static final int ITEMS_PER_CALL = TodoRepository.ITEMS_PER_BATCH;
  private static final int KEYS_PER_GET = 100;

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final DynamoDbTable<Todo> table;
  private final Backoff backoff;
  private final ExecutorService writers;

  public DynamoDbTodoRepository(DynamoDbClient dynamoDb, String tableName, int writeConcurrency, Backoff backoff) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, TodoTableSchema.INSTANCE);
    this.backoff = backoff;
    this.writers = Workers.daemonPool("dynamodb-writer", writeConcurrency);
  }

  @Override
  public WriteResult writeBatch(List<Todo> todos) {
    List<List<Todo>> chunks = new ArrayList<>();
    for (int from = 0; from < todos.size(); from += ITEMS_PER_CALL) {
      chunks.add(todos.subList(from, Math.min(todos.size(), from + ITEMS_PER_CALL)));
    }
    return Workers.fanOut(writers, chunks, chunk -> List.of(writeChunk(chunk))).stream()
        .reduce(WriteResult.allWritten(), WriteResult::plus);
  }

  /**
   * One BatchWriteItem call of up to 25 items with the plain client (the enhanced client's batch path cost 10-15%
   * more client CPU per item), then the unprocessed ones again until they go or the attempts run out.
   */
  private WriteResult writeChunk(List<Todo> chunk) {
    List<WriteRequest> pending = chunk.stream().map(TodoTableSchema.INSTANCE::putRequest).toList();
    long retried = 0;
    long throttled = 0;
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        retried += pending.size();
      }
      try {
        pending = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(tableName, pending)).build())
            .unprocessedItems().getOrDefault(tableName, List.of());
      } catch (ProvisionedThroughputExceededException | RequestLimitExceededException e) {
        throttled++;
        LOG.warning(() -> "BatchWriteItem throttled after the SDK's retries: " + e.getMessage());
      }
      if (pending.isEmpty()) {
        return new WriteResult(Set.of(), retried, throttled);
      }
      if (attempt >= backoff.maxAttempts()) {
        Set<String> ids = new HashSet<>();
        pending.forEach(w -> ids.add(w.putRequest().item().get(TodoTableSchema.ID).s()));
        LOG.warning(() -> ids.size() + " item(s) still unprocessed after " + backoff.maxAttempts() + " attempts");
        return new WriteResult(ids, retried, throttled);
      }
      backoff.pause(attempt);
    }
  }

  @Override
  public Optional<Todo> get(String todoId) {
    return Optional.ofNullable(table.getItem(r -> r.key(key(todoId)).consistentRead(true)));
  }

  /** BatchGetItem, 100 keys a call, several calls in flight, strongly consistent; unprocessed keys asked again. */
  @Override
  public Map<String, Todo> getAll(Collection<String> todoIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(todoIds));
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += KEYS_PER_GET) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + KEYS_PER_GET)));
    }
    Map<String, Todo> found = new HashMap<>();
    Workers.fanOut(writers, chunks, this::getChunk).forEach(t -> found.put(t.todoId(), t));
    return found;
  }

  private List<Todo> getChunk(List<String> ids) {
    List<Map<String, AttributeValue>> keys = ids.stream().map(id -> Map.of(TodoTableSchema.ID, AttributeValue.fromS(id))).toList();
    Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
    List<Todo> found = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      Map<String, KeysAndAttributes> request = pending;
      BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(request));
      response.responses().getOrDefault(tableName, List.of()).forEach(item -> found.add(TodoTableSchema.INSTANCE.mapToItem(item)));
      pending = response.unprocessedKeys();
      if (pending == null || pending.isEmpty()) {
        return found;
      }
      if (attempt >= backoff.maxAttempts()) {
        throw new IllegalStateException("BatchGetItem left keys unprocessed after " + attempt + " attempts");
      }
      backoff.pause(attempt);
    }
  }

  @Override
  public Page<Todo> list(int limit, Optional<String> token) {
    return scan(0, 1, limit, token);
  }

  /** One page of a parallel Scan (one segment's, of {@code segments}), strongly consistent neither way: a Scan's own. */
  @Override
  public Page<Todo> scan(int segment, int segments, int limit, Optional<String> token) {
    ScanEnhancedRequest.Builder request = ScanEnhancedRequest.builder().limit(limit);
    if (segments > 1) {
      request.segment(segment).totalSegments(segments);
    }
    token.ifPresent(t -> request.exclusiveStartKey(Map.of(TodoTableSchema.ID, AttributeValue.fromS(PageTokens.lastId(t)))));
    var page = table.scan(request.build()).iterator().next();
    List<Todo> items = page.items();
    Optional<String> next = Optional.ofNullable(page.lastEvaluatedKey()).filter(k -> !k.isEmpty())
        .map(k -> PageTokens.after(k.get(TodoTableSchema.ID).s()));
    return new Page<>(items, next);
  }

  /** One conditional PutItem per todo, several in flight; a todo already stored is left as it is. */
  @Override
  public WriteResult writeAbsent(List<Todo> todos) {
    return eachItem(todos, Todo::todoId, todo -> {
      try {
        dynamoDb.putItem(r -> r.tableName(tableName).item(TodoTableSchema.INSTANCE.itemToMap(todo, true))
            .conditionExpression("attribute_not_exists(" + TodoTableSchema.ID + ")"));
      } catch (ConditionalCheckFailedException stored) {
        // written before (the ids of these todos are their rows' own): what is stored now stays
      }
    });
  }

  /** One UpdateItem per patch, several in flight. */
  @Override
  public WriteResult upsert(List<TodoPatch> patches) {
    return eachItem(patches, TodoPatch::todoId, patch -> dynamoDb.updateItem(TodoPatchWrite.upsert(tableName, patch)));
  }

  /**
   * Single-item writes fanned out over the writers; a write still throttled after the SDK's retries is reported as
   * not written, so its message is retried, and any other failure reaches the caller.
   */
  private <T> WriteResult eachItem(List<T> items, Function<T, String> id, Consumer<T> write) {
    return Workers.fanOut(writers, items, item -> {
      try {
        write.accept(item);
        return List.of(WriteResult.allWritten());
      } catch (ProvisionedThroughputExceededException | RequestLimitExceededException e) {
        LOG.warning(() -> "a single-item write throttled after the SDK's retries: " + e.getMessage());
        return List.of(new WriteResult(Set.of(id.apply(item)), 0, 1));
      }
    }).stream().reduce(WriteResult.allWritten(), WriteResult::plus);
  }

  @Override
  public Conditional update(TodoPatch patch, Set<Long> versions) {
    try {
      UpdateItemResponse response = dynamoDb.updateItem(TodoPatchWrite.update(tableName, patch, versions));
      return new Conditional.Done(Optional.of(TodoTableSchema.INSTANCE.mapToItem(response.attributes())));
    } catch (ConditionalCheckFailedException e) {
      return whyNot(patch.todoId(), versions);
    }
  }

  @Override
  public Conditional delete(String todoId, Set<Long> versions) {
    TodoPatchWrite.Condition condition = TodoPatchWrite.condition(versions);
    try {
      dynamoDb.deleteItem(r -> r.tableName(tableName).key(Map.of(TodoTableSchema.ID, AttributeValue.fromS(todoId)))
          .conditionExpression(condition.expression()).expressionAttributeNames(condition.names())
          .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values()));
      return new Conditional.Done(Optional.empty());
    } catch (ConditionalCheckFailedException e) {
      return whyNot(todoId, versions);
    }
  }

  /**
   * Why a conditional write of a todo failed: it is gone, or (only when versions were asked for, read after the
   * failure) at another version.
   */
  private Conditional whyNot(String todoId, Set<Long> versions) {
    return versions.isEmpty() ? new Conditional.Missing()
        : get(todoId).<Conditional>map(t -> new Conditional.Stale(t.version())).orElseGet(Conditional.Missing::new);
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }

  private static Key key(String todoId) {
    return Key.builder().partitionValue(todoId).build();
  }
}
