package dev.todo.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.aws.AwsClients;
import dev.todo.services.LocalServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local SQS on a data directory, stopped and started again: what was in flight comes back at once (its consumer
 * ran in the run that stopped), what was deleted stays deleted, what was sent with a delay keeps its delay.
 */
class SqsRestartTest {

  @Test
  void messagesInFlightAtTheStopAreVisibleAtTheNextStartAndDelayedOnesWait(@TempDir Path dir) {
    LocalServices.Options options = new LocalServices.Options(Optional.of(dir.resolve("data")), dir, 0, 0, 0);
    try (LocalServices first = LocalServices.start(options); SqsClient sqs = sqs(first)) {
      String queue = sqs.createQueue(r -> r.queueName("work").attributes(
          java.util.Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3600"))).queueUrl();
      sqs.sendMessage(r -> r.queueUrl(queue).messageBody("held by a consumer that dies"));
      sqs.sendMessage(r -> r.queueUrl(queue).messageBody("done"));
      sqs.sendMessage(r -> r.queueUrl(queue).messageBody("later").delaySeconds(900));
      List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
      assertThat(received).extracting(Message::body).containsExactlyInAnyOrder("held by a consumer that dies", "done");
      Message done = received.stream().filter(m -> m.body().equals("done")).findFirst().orElseThrow();
      sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(done.receiptHandle()));
    }

    try (LocalServices second = LocalServices.start(options); SqsClient sqs = sqs(second)) {
      String queue = sqs.getQueueUrl(r -> r.queueName("work")).queueUrl();
      List<Message> again = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
          .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();

      assertThat(again).extracting(Message::body).containsExactly("held by a consumer that dies");
      assertThat(again.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
      assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
          .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).as("still delayed").isEqualTo("1");
    }
  }

  private static SqsClient sqs(LocalServices services) {
    return new AwsClients(new AwsClients.Endpoints(services.s3Endpoint(), services.sqsEndpoint(), services.dynamoDbEndpoint(),
        LocalServices.REGION, LocalServices.ACCESS_KEY, LocalServices.SECRET_KEY)).sqs();
  }
}
