package dev.todo.aws;

import dev.todo.services.LocalServices;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The local services every AWS adapter test talks to, and the endpoints that point the SDK at them. */
public final class LocalAws {

  private LocalAws() {
  }

  static LocalServices services() {
    return LocalServices.shared();
  }

  public static AwsClients.Endpoints endpoints() {
    LocalServices s = services();
    return new AwsClients.Endpoints(s.s3Endpoint(), s.sqsEndpoint(), s.dynamoDbEndpoint(), LocalServices.REGION,
        LocalServices.ACCESS_KEY, LocalServices.SECRET_KEY);
  }

  public static AwsClients clients() {
    return new AwsClients(endpoints());
  }

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** How long {@link #takeOne} waits for a message (SQS's long poll). */
  static final int TAKE_WAIT_SECONDS = 2;

  /** The body of the next message on the queue (waiting up to 2 s for one), taken off it; empty if none came. */
  static Optional<String> takeOne(SqsClient sqs, String queueUrl) {
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(TAKE_WAIT_SECONDS)).messages();
    if (messages.isEmpty()) {
      return Optional.empty();
    }
    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
    return Optional.of(messages.get(0).body());
  }
}
