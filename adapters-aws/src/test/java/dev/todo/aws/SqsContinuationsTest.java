package dev.todo.aws;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.CheckpointCodec;
import dev.todo.ports.Continuations;
import dev.todo.ports.contract.ContinuationsContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@ParameterizedClass(name = "on {0}")
@EnumSource(AwsTarget.class)
class SqsContinuationsTest extends ContinuationsContract {

  @Parameter
  AwsTarget target; // the servers this run is against: the local ones, then moto

  private static SqsClient sqs;
  private static String queueUrl;

  @BeforeParameterizedClassInvocation
  static void queue(AwsTarget target) {
    sqs = target.clients().sqs();
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
