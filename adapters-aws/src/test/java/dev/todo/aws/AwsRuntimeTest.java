package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsRuntimeTest {

  private final AwsRuntime empty = new AwsRuntime(Map.of("AWS_REGION", "us-east-1"));

  @Test
  void aMissingVariableIsNamedWithWhatItMustHold() {
    assertThatThrownBy(empty::rowWriter).hasMessage("environment variable TABLE_NAME is not set: it must hold the name of the todo table");
    assertThatThrownBy(empty::importService).hasMessageContaining("QUEUE_URL");
    assertThatThrownBy(empty::uploadLinks).hasMessageContaining("BUCKET_NAME");
  }

  @Test
  void aNumberThatIsNotOneIsAClearError() {
    AwsRuntime bad = new AwsRuntime(Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", "t", "IMPORTS_TABLE_NAME", "i",
        "WRITE_CONCURRENCY", "many"));
    assertThatThrownBy(bad::rowWriter).hasMessage("environment variable WRITE_CONCURRENCY must be a whole number, was 'many'");
  }
}
