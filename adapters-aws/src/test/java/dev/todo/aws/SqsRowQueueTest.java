package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import dev.todo.ports.contract.RowQueueContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsRowQueueTest extends RowQueueContract {

  private static SqsClient sqs;
  private static String queueUrl;
  private static SqsRowQueue queue;

  @BeforeAll
  static void createQueue() {
    sqs = LocalAws.clients().sqs();
    queueUrl = Provisioning.createQueueWithDeadLetter(sqs, LocalAws.unique("rows"), 30, 5);
    queue = new SqsRowQueue(sqs, queueUrl, SqsRowQueue.PORTABLE_BATCH_BYTES, 4, Backoff.DEFAULT);
  }

  @Override
  protected RowQueue queue() {
    return queue;
  }

  @Override
  protected List<String> receiveAll() {
    List<String> bodies = new ArrayList<>();
    while (true) {
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      if (messages.isEmpty()) {
        return bodies;
      }
      for (Message m : messages) {
        bodies.add(m.body());
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
  }

  @Test
  void batchesRespectTheEntryAndByteLimits() {
    List<QueueMessage> messages = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      messages.add(new QueueMessage("m" + i, "x".repeat(i < 5 ? 100 * 1024 : 10)));
    }
    List<List<QueueMessage>> batches = queue.batches(messages);
    assertThat(batches).allSatisfy(b -> {
      assertThat(b.size()).isLessThanOrEqualTo(10);
      assertThat(b.stream().mapToInt(m -> m.body().length()).sum()).isLessThanOrEqualTo(SqsRowQueue.PORTABLE_BATCH_BYTES);
    });
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(25);
    assertThat(batches).hasSize(5);
  }
}
