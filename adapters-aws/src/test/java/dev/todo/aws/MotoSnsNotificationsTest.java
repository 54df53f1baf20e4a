package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.Notification;
import dev.todo.ports.Notifications;
import dev.todo.ports.contract.NotificationsContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SNS adapter against moto's topic, as against ours in {@link SnsNotificationsTest}: a queue subscribed to the
 * topic receives each message in SNS's JSON envelope, whose {@code Subject} and {@code Message} are what was sent.
 */
class MotoSnsNotificationsTest extends NotificationsContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private SnsClient sns;
  private SqsClient sqs;
  private String topicArn;
  private String queueUrl;
  private final List<JsonNode> seen = new ArrayList<>();

  @BeforeEach
  void topicWithAQueueSubscribed() {
    AwsClients clients = new AwsClients(MotoAws.environment());
    sns = clients.sns();
    sqs = clients.sqs();
    String name = LocalAws.unique("todo-notifications");
    topicArn = sns.createTopic(r -> r.name(name)).topicArn();
    queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
  }

  @Override
  protected Notifications notifications() {
    return new SnsNotifications(sns, topicArn);
  }

  @Override
  protected List<Notification> delivered() throws Exception {
    List<Notification> delivered = new ArrayList<>();
    for (JsonNode envelope : envelopes()) {
      delivered.add(new Notification(envelope.get("Subject").asText(), envelope.get("Message").asText()));
    }
    return delivered;
  }

  @Test
  void theEnvelopeNamesTheTopicAndIsANotification() throws Exception {
    notifications().send(new Notification("Import of todos.csv: COMPLETED", "12 rows read"));
    JsonNode envelope = envelopes().get(0);
    assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
    assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
    assertThat(topicArn).contains(":" + dev.todo.services.MotoServer.ACCOUNT + ":");
  }

  @Test
  void anUnknownTopicIsNotFound() {
    assertThatThrownBy(() -> new SnsNotifications(sns, topicArn + "-gone").send(new Notification("s", "m")))
        .isInstanceOf(NotFoundException.class);
  }

  /** Every envelope the subscription put on the queue: moto delivers within Publish. */
  private List<JsonNode> envelopes() throws Exception {
    while (true) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
      if (batch.isEmpty()) {
        return seen;
      }
      for (Message m : batch) {
        seen.add(JSON.readTree(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
  }
}
