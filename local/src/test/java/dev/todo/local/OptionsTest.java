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
    assertThat(Options.defaults().tune(PROVISIONED, false).maxRowsPerMessage()).isZero();
  }
}
