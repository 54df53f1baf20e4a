package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.aws.FunctionSettings.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionSettingsTest {

  private static final Map<String, String> NAMES = Map.of("TABLE_NAME", "t", "IMPORTS_TABLE_NAME", "i",
      "QUEUE_URL", "http://q", "CONTROL_QUEUE_URL", "http://c", "EXPORT_QUEUE_URL", "http://x", "BUCKET_NAME", "b", "EVENT_BUS_NAME", "e",
      "TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:n");

  @Test
  void everyMissingNameIsListedWithWhatItMustHold() {
    assertThatThrownBy(() -> FunctionSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TABLE_NAME (the name of the todo table)")
        .hasMessageContaining("QUEUE_URL").hasMessageContaining("BUCKET_NAME").hasMessageContaining("CONTROL_QUEUE_URL")
        .hasMessageContaining("EVENT_BUS_NAME").hasMessageContaining("TOPIC_ARN");
  }

  @Test
  void aNumberThatIsNotOneIsAClearError() {
    Map<String, String> env = new HashMap<>(NAMES);
    env.put("BATCH_WRITES_IN_FLIGHT", "many");
    assertThatThrownBy(() -> FunctionSettings.fromEnvironment(env))
        .hasMessage("environment variable BATCH_WRITES_IN_FLIGHT must be a whole number, was 'many'");
    env.put("BATCH_WRITES_IN_FLIGHT", "0");
    assertThatThrownBy(() -> FunctionSettings.fromEnvironment(env))
        .hasMessage("BATCH_WRITES_IN_FLIGHT must be between 1 and 1024, was 0");
    env.put("BATCH_WRITES_IN_FLIGHT", "16");
    env.put("WRITES_PER_SECOND", "-1");
    assertThatThrownBy(() -> FunctionSettings.fromEnvironment(env)).hasMessage("WRITES_PER_SECOND must be at least 0 (not negative), was -1");
  }

  @Test
  void aChangedSettingIsCheckedAsTheEnvironmentWouldBe() {
    FunctionSettings defaults = FunctionSettings.fromEnvironment(NAMES);
    assertThatThrownBy(() -> defaults.with(Variable.MAX_MESSAGE_BYTES, 10))
        .hasMessage("MAX_MESSAGE_BYTES must be between 1024 and " + dev.todo.domain.MessagePacker.LIMIT_MAX_BYTES + ", was 10");
    assertThat(defaults.with(Variable.WRITES_PER_SECOND, 2.5).writesPerSecond()).isEqualTo(2.5);
    assertThat(defaults.writesPerSecond()).isZero(); // the original is unchanged
  }

  @Test
  void unsetTunablesTakeTheirDefaultsAndTheEnvironmentRoundTrips() {
    FunctionSettings defaults = FunctionSettings.fromEnvironment(NAMES);
    assertThat(defaults).isEqualTo(FunctionSettings.of("t", "i", Map.of(ServiceQueue.ROWS, "http://q",
        ServiceQueue.CONTROL, "http://c", ServiceQueue.EXPORTS, "http://x"), "b", "e", "arn:aws:sns:us-east-1:000000000000:n"));
    assertThat(defaults.messagesPerSend()).isEqualTo(40);
    assertThat(defaults.importTimeMargin()).isEqualTo(Duration.ofSeconds(60));
    FunctionSettings tuned = defaults.with(Variable.WRITES_PER_SECOND, 50).with(Variable.MAX_MESSAGE_BYTES, 4096)
        .with(Variable.BATCH_WRITES_IN_FLIGHT, 3);
    assertThat(FunctionSettings.fromEnvironment(tuned.toEnvironment())).isEqualTo(tuned);
    assertThat(tuned.toEnvironment().keySet()).hasSize(Variable.values().length);
  }

  @Test
  void aPacedWriterGetsMessagesSmallEnoughToWriteABatchInHalfItsTimeout() {
    FunctionSettings defaults = FunctionSettings.fromEnvironment(NAMES);
    assertThat(defaults.maxRowsPerMessage()).isZero(); // unpaced: as many rows as the bytes take
    FunctionSettings paced = defaults.pacedAt(50, Duration.ofSeconds(60), 10);
    assertThat(paced.writesPerSecond()).isEqualTo(50);
    assertThat(paced.maxRowsPerMessage()).isEqualTo(150); // 10 x 150 rows at 50/s: 30 s of the 60
    assertThat(defaults.pacedAt(0.5, Duration.ofSeconds(60), 10).maxRowsPerMessage()).isEqualTo(1); // never none
    assertThat(paced.pacedAt(0, Duration.ofSeconds(60), 10).maxRowsPerMessage()).isZero();
  }

  @Test
  void theReadmeListsEveryVariableWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Variable v : Variable.values()) {
      String row = "| `" + v + "` | " + v.fallback().map(f -> "`" + f + "`").orElse("required") + " |";
      assertThat(readme).as("README's table of variables").contains(row);
    }
  }
}
