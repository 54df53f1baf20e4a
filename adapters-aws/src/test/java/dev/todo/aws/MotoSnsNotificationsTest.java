package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.Notification;
import dev.todo.ports.Notifications;
import dev.todo.ports.contract.NotificationsContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * The SNS adapter against moto's topic, as against ours in {@link SnsNotificationsTest}: a queue subscribed to the
 * topic receives each message in SNS's JSON envelope, whose {@code Subject} and {@code Message} are what was sent.
 */
class MotoSnsNotificationsTest extends NotificationsContract {

  private SnsClient sns;
  private String topicArn;
  private DrainedQueue queue;

  @BeforeEach
  void topicWithAQueueSubscribed() {
    AwsClients clients = new AwsClients(MotoAws.environment());
    sns = clients.sns();
    String name = LocalAws.unique("todo-notifications");
    topicArn = sns.createTopic(r -> r.name(name)).topicArn();
    queue = new DrainedQueue(clients.sqs(), name);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()));
  }

  @Override
  protected Notifications notifications() {
    return new SnsNotifications(sns, topicArn);
  }

  @Override
  protected List<Notification> delivered() throws Exception {
    List<Notification> delivered = new ArrayList<>();
    for (JsonNode envelope : queue.bodies()) {
      delivered.add(new Notification(envelope.get("Subject").asText(), envelope.get("Message").asText()));
    }
    return delivered;
  }

  @Test
  void theEnvelopeNamesTheTopicAndIsANotification() throws Exception {
    notifications().send(new Notification("Import of todos.csv: COMPLETED", "12 rows read"));
    JsonNode envelope = queue.bodies().get(0);
    assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
    assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
    assertThat(topicArn).contains(":" + dev.todo.services.MotoServer.ACCOUNT + ":");
  }

  @Test
  void anUnknownTopicIsNotFound() {
    assertThatThrownBy(() -> new SnsNotifications(sns, topicArn + "-gone").send(new Notification("s", "m")))
        .isInstanceOf(NotFoundException.class);
  }
}
