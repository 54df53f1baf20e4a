package dev.todo.local.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.local.lambda.AwsEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CloudWatch's reading of the functions' log, locally: every line in embedded metric format becomes data points
 * of the metrics its {@code _aws} directive names, under the namespace and dimension values it names; what
 * CloudWatch would graph, summed as the dashboard's widgets sum it.
 */
public final class EmbeddedMetrics {

  /** One metric of one namespace and set of dimension values, e.g. {@code TodoImport RowsWritten Function=SqsToDynamo}. */
  public record Key(String namespace, String name, Map<String, String> dimensions) {
  }

  /** The data points of one metric so far: how many, their sum, least, greatest and latest, and when that came. */
  public record Statistics(String unit, long samples, double sum, double min, double max, double last, long lastAt) {
    Statistics plus(Statistics p) {
      return new Statistics(p.unit, samples + p.samples, sum + p.sum, Math.min(min, p.min), Math.max(max, p.max), p.last, p.lastAt);
    }
  }

  private final Map<Key, Statistics> metrics = new ConcurrentHashMap<>();
  private final AtomicLong linesRead = new AtomicLong();

  /** Reads one log line; a line that is not an EMF object (plain text, JSON without {@code _aws}) adds nothing. */
  public void accept(String line) {
    if (!line.startsWith("{") || !line.contains("\"_aws\"")) {
      return; // most lines: not worth parsing
    }
    JsonNode json;
    try {
      json = AwsEvents.JSON.readTree(line);
    } catch (Exception notJson) {
      return;
    }
    JsonNode aws = json.path("_aws");
    long at = aws.path("Timestamp").asLong(System.currentTimeMillis());
    boolean read = false;
    for (JsonNode directive : aws.path("CloudWatchMetrics")) {
      String namespace = directive.path("Namespace").asText("");
      for (JsonNode dimensionSet : directive.path("Dimensions")) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensionSet.forEach(d -> dimensions.put(d.asText(), json.path(d.asText()).asText()));
        for (JsonNode metric : directive.path("Metrics")) {
          String name = metric.path("Name").asText();
          String unit = metric.path("Unit").asText("None");
          JsonNode value = json.path(name);
          for (JsonNode v : value.isArray() ? value : List.of(value)) {
            if (v.isNumber()) {
              double d = v.asDouble();
              metrics.merge(new Key(namespace, name, Map.copyOf(dimensions)), new Statistics(unit, 1, d, d, d, d, at), Statistics::plus);
              read = true;
            }
          }
        }
      }
    }
    if (read) {
      linesRead.incrementAndGet();
    }
  }

  /** How many lines carried metrics. */
  public long linesRead() {
    return linesRead.get();
  }

  /** Every metric so far, by namespace, name and dimension values. */
  public List<Map.Entry<Key, Statistics>> snapshot() {
    List<Map.Entry<Key, Statistics>> all = new ArrayList<>(Map.copyOf(metrics).entrySet());
    all.sort(Comparator.comparing((Map.Entry<Key, Statistics> e) -> e.getKey().namespace())
        .thenComparing(e -> e.getKey().name()).thenComparing(e -> e.getKey().dimensions().toString()));
    return all;
  }

  public void reset() {
    metrics.clear();
    linesRead.set(0);
  }
}
