package dev.todo.aws;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.CheckpointCodec;
import dev.todo.ports.Continuations;
import dev.todo.ports.contract.ContinuationsContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsContinuationsTest extends ContinuationsContract {

  private static SqsClient sqs;
  private static String queueUrl;

  @BeforeAll
  static void queue() {
    sqs = LocalAws.clients().sqs();
    queueUrl = sqs.createQueue(r -> r.queueName(LocalAws.unique("control"))).queueUrl();
  }

  @Override
  protected Continuations continuations() {
    return new SqsContinuations(sqs, queueUrl);
  }

  @Override
  protected Optional<Checkpoint> takeScheduled() throws Exception {
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)).messages();
    if (messages.isEmpty()) {
      return Optional.empty();
    }
    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
    return Optional.of(CheckpointCodec.decode(messages.get(0).body()));
  }
}
