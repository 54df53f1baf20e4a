package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.Todo;
import dev.todo.ports.QueueMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The adapters' retry paths, forced by a client that passes every call to the real local service except the
 * ones a test intercepts: DynamoDB handing back unprocessed items, SQS failing batch entries.
 */
class AdapterRetryTest {

  private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 4);

  @Test
  void unprocessedItemsAreRetriedUntilWritten() {
    DynamoDbClient real = LocalAws.clients().dynamoDb();
    String table = LocalAws.unique("retry");
    Provisioning.createTodoTable(real, table);
    AtomicInteger calls = new AtomicInteger();
    DynamoDbClient flaky = intercept(DynamoDbClient.class, real, "batchWriteItem", (client, request) -> {
      calls.incrementAndGet();
      return halfUnprocessed(client, (BatchWriteItemRequest) request);
    });
    DynamoDbTodoRepository repository = new DynamoDbTodoRepository(flaky, table, 1, QUICK);

    assertThat(repository.writeBatch(todos(8))).isEmpty();

    assertThat(calls.get()).isEqualTo(4); // 8 -> 4 -> 2 -> 1 -> 0 left over
    for (Todo t : todos(8)) {
      assertThat(repository.get(t.todoId())).contains(t);
    }
  }

  @Test
  void itemsThatKeepComingBackAreReportedNotWritten() {
    DynamoDbClient real = LocalAws.clients().dynamoDb();
    String table = LocalAws.unique("retry");
    Provisioning.createTodoTable(real, table);
    DynamoDbClient refusing = intercept(DynamoDbClient.class, real, "batchWriteItem",
        (client, request) -> BatchWriteItemResponse.builder()
            .unprocessedItems(((BatchWriteItemRequest) request).requestItems()).build());
    DynamoDbTodoRepository repository = new DynamoDbTodoRepository(refusing, table, 1, QUICK);

    assertThat(repository.writeBatch(todos(3))).containsExactlyInAnyOrder("retry-0", "retry-1", "retry-2");
  }

  @Test
  void failedQueueEntriesAreRetriedAndPermanentFailuresSurface() {
    SqsClient real = LocalAws.clients().sqs();
    String url = Provisioning.createQueueWithDeadLetter(real, LocalAws.unique("retry"));
    Map<String, Integer> attempts = new HashMap<>();
    SqsClient flaky = intercept(SqsClient.class, real, "sendMessageBatch", (client, request) -> {
      SendMessageBatchRequest batch = (SendMessageBatchRequest) request;
      List<SendMessageBatchRequestEntry> pass = new ArrayList<>();
      List<BatchResultErrorEntry> failed = new ArrayList<>();
      for (SendMessageBatchRequestEntry e : batch.entries()) {
        int n = attempts.merge(e.id(), 1, Integer::sum);
        if (e.id().equals("doomed")) {
          failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").senderFault(false).build());
        } else if (e.id().equals("twice") && n <= 2) {
          failed.add(BatchResultErrorEntry.builder().id(e.id()).code("ServiceUnavailable").senderFault(false).build());
        } else {
          pass.add(e);
        }
      }
      SendMessageBatchResponse sent = pass.isEmpty() ? SendMessageBatchResponse.builder().build()
          : client.sendMessageBatch(batch.toBuilder().entries(pass).build());
      return sent.toBuilder().failed(failed).build();
    });
    try (SqsRowQueue queue = new SqsRowQueue(flaky, url, SqsRowQueue.PORTABLE_BATCH_BYTES, 2, QUICK)) {
      List<String> notSent = queue.send(List.of(new QueueMessage("fine", "a"), new QueueMessage("twice", "b"),
          new QueueMessage("doomed", "c")));
      assertThat(notSent).containsExactly("doomed");
      assertThat(attempts).containsEntry("twice", 3).containsEntry("doomed", QUICK.maxAttempts()).containsEntry("fine", 1);
    }
  }

  @Test
  void aQueueThatKeepsFailingIsAnErrorNotASilentLoss() {
    SqsClient real = LocalAws.clients().sqs();
    SqsClient down = intercept(SqsClient.class, real, "sendMessageBatch", (client, request) -> {
      throw software.amazon.awssdk.services.sqs.model.SqsException.builder().message("service unavailable").statusCode(503).build();
    });
    try (SqsRowQueue queue = new SqsRowQueue(down, "http://127.0.0.1:1/none", SqsRowQueue.PORTABLE_BATCH_BYTES, 1, QUICK)) {
      assertThatThrownBy(() -> queue.send(List.of(new QueueMessage("m", "x")))).hasMessageContaining("service unavailable");
    }
  }

  private static BatchWriteItemResponse halfUnprocessed(DynamoDbClient client, BatchWriteItemRequest request) {
    Map<String, List<WriteRequest>> written = new HashMap<>();
    Map<String, List<WriteRequest>> unprocessed = new HashMap<>();
    request.requestItems().forEach((table, writes) -> {
      int half = (writes.size() + 1) / 2;
      written.put(table, writes.subList(0, half));
      if (half < writes.size()) {
        unprocessed.put(table, writes.subList(half, writes.size()));
      }
    });
    client.batchWriteItem(request.toBuilder().requestItems(written).build());
    return BatchWriteItemResponse.builder().unprocessedItems(unprocessed).build();
  }

  private static List<Todo> todos(int n) {
    List<Todo> todos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      todos.add(new Todo("retry-" + i, "retry " + i, false, 1, 2, Map.of()));
    }
    return todos;
  }

  /** A client that hands {@code method} to {@code handler} and every other call to {@code real}. */
  @SuppressWarnings("unchecked")
  private static <T> T intercept(Class<T> type, T real, String method, BiFunction<T, Object, Object> handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
      if (m.getName().equals(method) && args != null && args.length == 1 && !(args[0] instanceof java.util.function.Consumer)) {
        return handler.apply(real, args[0]);
      }
      try {
        return m.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }
}
