package dev.todo.aws;

import dev.todo.domain.Notification;
import dev.todo.ports.Notifications;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes each notification to an SNS topic; its email subscribers get the subject and the message. */
public final class SnsNotifications implements Notifications {

  private final SnsClient sns;
  private final String topicArn;

  public SnsNotifications(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public void send(Notification notification) {
    sns.publish(r -> r.topicArn(topicArn).subject(notification.subject()).message(notification.message()));
  }
}
