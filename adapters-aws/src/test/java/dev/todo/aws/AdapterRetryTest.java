package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.todo.domain.Todo;
import dev.todo.ports.QueueMessage;
import dev.todo.ports.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The adapters' retry paths, forced by Mockito: a client that passes every call to the real local service except
 * the one a test stubs, so DynamoDB hands back unprocessed items, throttles or fails mid-batch, and SQS fails
 * batch entries.
 */
class AdapterRetryTest {

  private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 4);

  @Test
  void unprocessedItemsAreRetriedUntilWritten() {
    DynamoDbClient real = LocalAws.clients().dynamoDb();
    String table = todoTable(real);
    DynamoDbClient flaky = mock(DynamoDbClient.class, delegatesTo(real));
    doAnswer(call -> halfUnprocessed(real, call.getArgument(0))).when(flaky).batchWriteItem(any(BatchWriteItemRequest.class));
    DynamoDbTodoRepository repository = new DynamoDbTodoRepository(flaky, table, 1, QUICK);

    WriteResult result = repository.writeBatch(todos(8));
    assertThat(result.notWritten()).isEmpty();
    assertThat(result.retriedItems()).isEqualTo(4 + 2 + 1); // what came back unprocessed was sent again

    verify(flaky, times(4)).batchWriteItem(any(BatchWriteItemRequest.class)); // 8 -> 4 -> 2 -> 1 -> 0 left over
    for (Todo t : todos(8)) {
      assertThat(repository.get(t.todoId())).contains(t);
    }
  }

  @Test
  void itemsThatKeepComingBackAreReportedNotWritten() {
    DynamoDbClient real = LocalAws.clients().dynamoDb();
    DynamoDbClient refusing = mock(DynamoDbClient.class, delegatesTo(real));
    doAnswer(call -> BatchWriteItemResponse.builder()
        .unprocessedItems(call.<BatchWriteItemRequest>getArgument(0).requestItems()).build())
        .when(refusing).batchWriteItem(any(BatchWriteItemRequest.class));
    DynamoDbTodoRepository repository = new DynamoDbTodoRepository(refusing, todoTable(real), 1, QUICK);

    assertThat(repository.writeBatch(todos(3)).notWritten()).containsExactlyInAnyOrder("retry-0", "retry-1", "retry-2");
  }

  @Test
  void throttlingThatOutlastsTheSdkRetriesIsRetriedWithBackoff() {
    DynamoDbClient real = LocalAws.clients().dynamoDb();
    String table = todoTable(real);
    DynamoDbClient throttled = mock(DynamoDbClient.class, delegatesTo(real));
    AtomicInteger calls = new AtomicInteger();
    doAnswer(call -> {
      if (calls.incrementAndGet() <= 2) {
        throw ProvisionedThroughputExceededException.builder().message("rate exceeded").statusCode(400).build();
      }
      return real.batchWriteItem(call.<BatchWriteItemRequest>getArgument(0));
    }).when(throttled).batchWriteItem(any(BatchWriteItemRequest.class));
    DynamoDbTodoRepository repository = new DynamoDbTodoRepository(throttled, table, 1, QUICK);

    WriteResult result = repository.writeBatch(todos(5));
    assertThat(result.notWritten()).isEmpty();
    assertThat(result.throttledCalls()).isEqualTo(2);

    assertThat(calls).hasValue(3);
    assertThat(repository.get("retry-4")).isPresent();
  }

  @Test
  void aServerErrorMidBatchReachesTheCallerSoTheMessageIsRetried() {
    DynamoDbClient real = LocalAws.clients().dynamoDb();
    String table = todoTable(real);
    DynamoDbClient failing = mock(DynamoDbClient.class, delegatesTo(real));
    AtomicInteger calls = new AtomicInteger();
    doAnswer(call -> {
      if (calls.incrementAndGet() == 2) { // the second call of 25 items, after the first was written
        throw DynamoDbException.builder().message("internal server error").statusCode(500).build();
      }
      return real.batchWriteItem(call.<BatchWriteItemRequest>getArgument(0));
    }).when(failing).batchWriteItem(any(BatchWriteItemRequest.class));
    DynamoDbTodoRepository repository = new DynamoDbTodoRepository(failing, table, 1, QUICK);

    assertThatThrownBy(() -> repository.writeBatch(todos(60))).hasMessageContaining("internal server error");
    assertThat(repository.get("retry-0")).isPresent(); // written again harmlessly when the message comes back
  }

  @Test
  void failedQueueEntriesAreRetriedAndPermanentFailuresSurface() {
    SqsClient real = LocalAws.clients().sqs();
    String url = Provisioning.createQueueWithDeadLetter(real, LocalAws.unique("retry"));
    Map<String, Integer> attempts = new HashMap<>();
    SqsClient flaky = mock(SqsClient.class, delegatesTo(real));
    doAnswer(call -> {
      SendMessageBatchRequest batch = call.getArgument(0);
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
          : real.sendMessageBatch(batch.toBuilder().entries(pass).build());
      return sent.toBuilder().failed(failed).build();
    }).when(flaky).sendMessageBatch(any(SendMessageBatchRequest.class));
    try (SqsRowQueue queue = new SqsRowQueue(flaky, url, SqsRowQueue.PORTABLE_BATCH_BYTES, 2, QUICK)) {
      List<String> notSent = queue.send(List.of(new QueueMessage("fine", "a"), new QueueMessage("twice", "b"),
          new QueueMessage("doomed", "c")));
      assertThat(notSent).containsExactly("doomed");
      assertThat(attempts).containsEntry("twice", 3).containsEntry("doomed", QUICK.maxAttempts()).containsEntry("fine", 1);
    }
  }

  @Test
  void onAFifoQueueARefusedEntryIsNotRetriedBehindTheOnesAfterItWhichAreAllReturnedUnsent() {
    SqsClient real = LocalAws.clients().sqs();
    String url = real.createQueue(r -> r.queueName(LocalAws.unique("retry") + ".fifo").attributesWithStrings(
        Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"))).queueUrl();
    Map<String, Integer> attempts = new HashMap<>();
    SqsClient flaky = mock(SqsClient.class, delegatesTo(real));
    doAnswer(call -> {
      SendMessageBatchRequest batch = call.getArgument(0);
      batch.entries().forEach(e -> attempts.merge(e.id(), 1, Integer::sum));
      List<SendMessageBatchRequestEntry> pass = batch.entries().stream().filter(e -> !e.id().equals("m3")).toList();
      return real.sendMessageBatch(batch.toBuilder().entries(pass).build()).toBuilder()
          .failed(BatchResultErrorEntry.builder().id("m3").code("InternalError").senderFault(false).build()).build();
    }).when(flaky).sendMessageBatch(any(SendMessageBatchRequest.class));
    List<QueueMessage> messages = new ArrayList<>();
    List<String> fromTheRefusedOn = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      messages.add(new QueueMessage("m" + i, "body " + i));
      if (i >= 3) {
        fromTheRefusedOn.add("m" + i);
      }
    }
    try (SqsRowQueue queue = new SqsRowQueue(flaky, url, SqsRowQueue.PORTABLE_BATCH_BYTES, 4, QUICK)) {
      assertThat(queue.send(messages)).containsExactlyElementsOf(fromTheRefusedOn);
    }
    assertThat(attempts).containsOnlyKeys("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"); // one call
    assertThat(attempts.values()).containsOnly(1);
  }

  @Test
  void aQueueThatKeepsFailingIsAnErrorNotASilentLoss() {
    SqsClient down = mock(SqsClient.class);
    doThrow(SqsException.builder().message("service unavailable").statusCode(503).build())
        .when(down).sendMessageBatch(any(SendMessageBatchRequest.class));
    try (SqsRowQueue queue = new SqsRowQueue(down, "http://127.0.0.1:1/none", SqsRowQueue.PORTABLE_BATCH_BYTES, 1, QUICK)) {
      assertThatThrownBy(() -> queue.send(List.of(new QueueMessage("m", "x")))).hasMessageContaining("service unavailable");
    }
  }

  private static String todoTable(DynamoDbClient dynamoDb) {
    String table = LocalAws.unique("retry");
    TableProvisioning.createTodoTable(dynamoDb, table);
    return table;
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
}
