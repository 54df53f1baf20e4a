package dev.todo.local.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {

  private final EmbeddedMetrics metrics = new EmbeddedMetrics();

  @Test
  void eachLineInEmbeddedMetricFormatAddsADataPointUnderItsNamespaceAndDimensionValues() {
    metrics.accept(emf("SqsToDynamo", "RowsWritten", "10"));
    metrics.accept(emf("SqsToDynamo", "RowsWritten", "30"));
    metrics.accept(emf("S3ToSqs", "RowsWritten", "5"));

    EmbeddedMetrics.Statistics writer = statistics("RowsWritten", Map.of("Function", "SqsToDynamo"));
    assertThat(writer.samples()).isEqualTo(2);
    assertThat(writer.sum()).isEqualTo(40);
    assertThat(writer.min()).isEqualTo(10);
    assertThat(writer.max()).isEqualTo(30);
    assertThat(writer.last()).isEqualTo(30);
    assertThat(writer.unit()).isEqualTo("Count");
    assertThat(writer.lastAt()).isEqualTo(1_700_000_000_000L);
    assertThat(statistics("RowsWritten", Map.of("Function", "S3ToSqs")).sum()).isEqualTo(5);
    assertThat(metrics.linesRead()).isEqualTo(3);
  }

  @Test
  void anArrayOfValuesIsOneDataPointEachAndEveryDimensionSetCounts() {
    metrics.accept("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"A\"],[\"A\",\"B\"]],"
        + "\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]}]},\"A\":\"a\",\"B\":\"b\",\"Latency\":[1,2,3]}");

    assertThat(statistics("Latency", Map.of("A", "a")).samples()).isEqualTo(3);
    assertThat(statistics("Latency", Map.of("A", "a")).sum()).isEqualTo(6);
    assertThat(statistics("Latency", Map.of("A", "a", "B", "b")).sum()).isEqualTo(6);
  }

  @Test
  void plainTextOrdinaryJsonAndBrokenDirectivesAddNothing() {
    metrics.accept("starting up");
    metrics.accept("{\"level\":\"INFO\",\"message\":\"import finished\",\"rowsRead\":5}");
    metrics.accept("{\"_aws\": not json");
    metrics.accept("{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"Gone\"}]}]}}");
    metrics.accept("{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"Text\"}]}]},\"Text\":\"ten\"}");

    assertThat(metrics.snapshot()).isEmpty();
    assertThat(metrics.linesRead()).isZero();
  }

  private EmbeddedMetrics.Statistics statistics(String name, Map<String, String> dimensions) {
    return metrics.snapshot().stream().filter(e -> e.getKey().name().equals(name) && e.getKey().dimensions().equals(dimensions))
        .findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + dimensions + " in " + metrics.snapshot())).getValue();
  }

  private static String emf(String function, String metric, String value) {
    return "{\"timestamp\":\"2023-11-14T22:13:20Z\",\"level\":\"INFO\",\"function\":\"" + function + "\",\"message\":\"batch written\","
        + "\"Function\":\"" + function + "\",\"_aws\":{\"Timestamp\":1700000000000,\"CloudWatchMetrics\":[{\"Namespace\":\"TodoImport\","
        + "\"Dimensions\":[[\"Function\"]],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"Count\"}]}]},\"" + metric + "\":" + value + "}";
  }
}
