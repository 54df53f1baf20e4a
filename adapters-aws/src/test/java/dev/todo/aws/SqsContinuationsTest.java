package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.CheckpointCodec;
import dev.todo.domain.Compression;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.MalformedMessageException;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.ReadPosition;
import dev.todo.ports.Continuations;
import dev.todo.ports.Continuations.Turn;
import dev.todo.ports.contract.ContinuationsContract;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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
  protected Optional<Turn> takeScheduled() throws Exception {
    Optional<String> body = LocalAws.takeOne(sqs, queueUrl);
    return body.isEmpty() ? Optional.empty() : Optional.of(SqsContinuations.decode(body.get()));
  }

  @Test
  void aLookAgainWaitsOnTheQueueForItsDelay() throws Exception {
    ObjectRef source = ObjectRef.of("imports", "import/later.csv", "e");
    long sent = System.nanoTime();
    continuations().schedule(Turn.lookAgain(source), Duration.ofMillis(2_500)); // SQS counts whole seconds: 3
    assertThat(takeScheduled()).as("not within the first two seconds").isEmpty();
    Optional<Turn> later = takeScheduled();
    while (later.isEmpty() && System.nanoTime() - sent < 10_000_000_000L) {
      later = takeScheduled();
    }
    assertThat(later).contains(Turn.lookAgain(source));
    assertThat((System.nanoTime() - sent) / 1e9).isGreaterThanOrEqualTo(2.5);
  }

  @Test
  void aCheckpointMessageFromBeforeTurnsIsALookAgainAndAnythingElseIsMalformed() throws Exception {
    ObjectRef source = ObjectRef.of("imports", "import/old.csv", "e");
    String old = CheckpointCodec.encode(new Checkpoint(source, new ReadPosition(10, 200), List.of("name"), Compression.NONE,
        FileFormat.Kind.DELIMITED, ',', new ImportProgress(8, 8, 0)));
    assertThat(SqsContinuations.decode(old)).isEqualTo(Turn.lookAgain(source));
    for (String bad : List.of("not-a-checkpoint", "{}", "{\"v\":3,\"bucket\":\"b\",\"key\":\"k\"}",
        "{\"v\":2,\"bucket\":\"b\",\"key\":\"k\",\"run\":7}", "null")) {
      assertThatThrownBy(() -> SqsContinuations.decode(bad)).as(bad).isInstanceOf(MalformedMessageException.class);
    }
  }
}
