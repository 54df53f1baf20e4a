package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.Notification;
import dev.todo.ports.Notifications;
import dev.todo.ports.contract.NotificationsContract;
import dev.todo.services.LocalServices;
import dev.todo.services.SnsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/** The SNS adapter against the local topic, which writes each message to its outbox as the subscriber reads it. */
class SnsNotificationsTest extends NotificationsContract {

  private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:todo-notifications";

  @TempDir
  static Path outbox;
  private final SnsServer topic = SnsServer.start(TOPIC, "you@example.com", outbox.resolve(LocalAws.unique("outbox")));
  private final SnsClient client = new AwsClients(Map.of("AWS_REGION", LocalServices.REGION,
      "AWS_ACCESS_KEY_ID", LocalServices.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY,
      "AWS_ENDPOINT_URL_SNS", topic.endpoint().toString())).sns();

  @AfterEach
  void stop() {
    topic.close();
  }

  @Override
  protected Notifications notifications() {
    return new SnsNotifications(client, TOPIC);
  }

  @Override
  protected List<Notification> delivered() throws Exception {
    List<Notification> mails = new ArrayList<>();
    try (Stream<Path> files = Files.list(topic.outbox())) {
      for (Path file : files.sorted().toList()) {
        String mail = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(mail).startsWith("To: you@example.com\n");
        String subject = mail.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow().substring(9);
        String body = mail.substring(mail.indexOf("\n\n") + 2);
        mails.add(new Notification(subject, body.substring(0, body.length() - 1)));
      }
    }
    return mails;
  }

  @Test
  void anUnknownTopicIsNotFound() {
    assertThatThrownBy(() -> new SnsNotifications(client, TOPIC + "-gone").send(new Notification("s", "m")))
        .isInstanceOf(NotFoundException.class);
  }
}
