package dev.todo.aws;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.CheckpointCodec;
import dev.todo.ports.Continuations;
import dev.todo.ports.contract.ContinuationsContract;
import java.util.Optional;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;

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
    Optional<String> body = LocalAws.takeOne(sqs, queueUrl);
    return body.isEmpty() ? Optional.empty() : Optional.of(CheckpointCodec.decode(body.get()));
  }
}
