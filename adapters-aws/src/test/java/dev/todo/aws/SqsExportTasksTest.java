package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.MalformedMessageException;
import dev.todo.ports.ExportTasks;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.ports.contract.ExportTasksContract;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;

@ParameterizedClass(name = "on {0}")
@EnumSource(AwsTarget.class)
class SqsExportTasksTest extends ExportTasksContract {

  @Parameter
  AwsTarget target; // the servers this run is against: the local ones, then moto

  private static SqsClient sqs;
  private static String queueUrl;

  @BeforeParameterizedClassInvocation
  static void queue(AwsTarget target) {
    sqs = target.clients().sqs();
    queueUrl = sqs.createQueue(r -> r.queueName(LocalAws.unique("exports"))).queueUrl();
  }

  @Override
  protected ExportTasks tasks() {
    return new SqsExportTasks(sqs, queueUrl);
  }

  @Override
  protected Optional<ExportTask> takeSent() throws Exception {
    Optional<String> body = LocalAws.takeOne(sqs, queueUrl);
    return body.isEmpty() ? Optional.empty() : Optional.of(SqsExportTasks.decode(body.get()));
  }

  @Override
  protected void afterSeconds(int seconds) throws InterruptedException {
    // the queue's own clock: SQS's delays are real time, of which the empty take before this waited its long poll
    Thread.sleep(Math.max(0, seconds - LocalAws.TAKE_WAIT_SECONDS) * 1_000L);
  }

  @Test
  void aMessageThatIsNoTaskIsMalformed() {
    assertThatThrownBy(() -> SqsExportTasks.decode("{\"segment\":1}")).isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> SqsExportTasks.decode("[1]")).isInstanceOf(MalformedMessageException.class);
  }
}
