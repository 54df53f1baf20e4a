package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import dev.todo.ports.contract.RowQueueContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ParameterizedClass(name = "on {0}")
@EnumSource(AwsTarget.class)
class SqsRowQueueTest extends RowQueueContract {

  @Parameter
  AwsTarget target; // the servers this run is against: the local ones, then moto

  private static SqsClient sqs;
  private static String queueUrl;
  private static SqsRowQueue queue;

  @BeforeParameterizedClassInvocation
  static void createQueue(AwsTarget target) {
    sqs = target.clients().sqs();
    queueUrl = Provisioning.createQueueWithDeadLetter(sqs, LocalAws.unique("rows"));
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
      // short polls, until the queue itself counts nothing left (exact on both emulators), not a second of silence
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
      if (messages.isEmpty() && sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
          .attributes().values().stream().allMatch("0"::equals)) {
        return bodies;
      }
      for (Message m : messages) {
        bodies.add(m.body());
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
  }

  @Test
  void aFifoQueueGetsEveryMessageInOneGroupInTheOrderSentWhateverTheSendersInFlight() {
    String fifoUrl = sqs.createQueue(r -> r.queueName(LocalAws.unique("rows") + ".fifo").attributesWithStrings(
        java.util.Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"))).queueUrl();
    List<String> sent = new ArrayList<>();
    try (SqsRowQueue fifo = new SqsRowQueue(sqs, fifoUrl, SqsRowQueue.PORTABLE_BATCH_BYTES, 4, Backoff.DEFAULT)) {
      List<QueueMessage> messages = new ArrayList<>();
      for (int i = 0; i < 120; i++) { // twelve calls: four senders in flight would land them in any order
        messages.add(new QueueMessage("m" + i, "body-" + i));
        sent.add("body-" + i);
      }
      assertThat(fifo.send(messages)).isEmpty();
    }
    List<String> received = new ArrayList<>();
    while (received.size() < sent.size()) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(fifoUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
          .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID))
          .messages();
      assertThat(batch).isNotEmpty();
      for (Message m : batch) {
        assertThat(m.attributes().get(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("rows");
        received.add(m.body());
        sqs.deleteMessage(r -> r.queueUrl(fifoUrl).receiptHandle(m.receiptHandle()));
      }
    }
    assertThat(received).containsExactlyElementsOf(sent);
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

  @Test
  void provisioningAQueueAgainWithOtherSettingsAppliesThemAndKeepsItsMessages() {
    String name = "reprovisioned-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String url = Provisioning.createQueueWithDeadLetter(sqs, new StackLayout.QueueLayout(name, java.time.Duration.ofSeconds(30), 5));
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("kept"));

    String again = Provisioning.createQueueWithDeadLetter(sqs, new StackLayout.QueueLayout(name, java.time.Duration.ofSeconds(7), 2));

    assertThat(again).isEqualTo(url);
    var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
        software.amazon.awssdk.services.sqs.model.QueueAttributeName.ALL)).attributes();
    assertThat(attributes.get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("7");
    // a number or a string, with or without spaces: ElasticMQ writes {"maxReceiveCount":"2"}, moto {"maxReceiveCount": 2}
    assertThat(attributes.get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.REDRIVE_POLICY))
        .containsPattern("\"maxReceiveCount\":\\s*\"?2\"?\\s*[,}]");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).extracting(m -> m.body()).containsExactly("kept");
  }
}
