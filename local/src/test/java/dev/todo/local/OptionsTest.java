package dev.todo.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.aws.FunctionSettings;
import dev.todo.aws.ServiceQueue;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

  private static final FunctionSettings PROVISIONED = FunctionSettings.of("t", "j", Map.of(ServiceQueue.ROWS, "http://q",
      ServiceQueue.CONTROL, "http://c", ServiceQueue.EXPORTS, "http://x"), "b", "e", "arn:aws:sns:us-east-1:000000000000:n");

  @Test
  void theWritersTimeoutIsNeverLongerThanTheQueueHidesAMessageAsLambdaRequires() {
    assertThat(Options.defaults().writerTimeout()).isEqualTo(Duration.ofSeconds(30)); // the default visibility
    assertThat(Options.defaults().visibilityTimeout(Duration.ofMinutes(6)).writerTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(Options.defaults().visibilityTimeout(Duration.ZERO).writerTimeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aPacedWritersMessagesFitItsTimeoutAsThisCloudDeploysIt() {
    FunctionSettings paced = Options.defaults().writesPerSecond(50).tune(PROVISIONED, false);
    assertThat(paced.writesPerSecond()).isEqualTo(50);
    assertThat(paced.maxRowsPerMessage()).isEqualTo(75); // batches of 10 at 50/s in half of 30 s
    assertThat(Options.defaults().withoutEvents().tune(PROVISIONED, false).maxRowsPerMessage()).isZero();
  }

  /** With the event path on, this cloud's writer is slower than the store's own rate: a batch must still fit its timeout. */
  @Test
  void withEventsAnUnpacedWritersMessagesHoldAtMost250Rows() {
    assertThat(Options.defaults().tune(PROVISIONED, false).maxRowsPerMessage()).isEqualTo(250);
    assertThat(Options.defaults().tune(PROVISIONED.with(FunctionSettings.Variable.MAX_ROWS_PER_MESSAGE, 40), false)
        .maxRowsPerMessage()).as("a limit set already stays").isEqualTo(40);
  }
}
