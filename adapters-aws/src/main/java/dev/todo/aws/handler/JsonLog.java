package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.aws.ImportMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The functions' log: one JSON object per line on stdout, which Lambda passes to CloudWatch as it is and Logs
 * Insights reads fields from. Each line names its function and request; every line about an import carries its
 * {@code importId}, so one query follows an import through both functions.
 */
public final class JsonLog {

  private final String function;
  private final String requestId;
  private final Consumer<String> out;

  private JsonLog(String function, String requestId, Consumer<String> out) {
    this.function = function;
    this.requestId = requestId;
    this.out = out;
  }

  /** The log of one invocation, its lines handed to {@code out}. */
  static JsonLog of(Context context, Consumer<String> out) {
    return new JsonLog(context.getFunctionName(), context.getAwsRequestId(), out);
  }

  /** What tells of nothing done or changed (a duplicate notification of a finished import): kept, not shown locally. */
  void debug(String message, Map<String, ?> fields) {
    out.accept(line("DEBUG", message, fields).toString());
  }

  void info(String message, Map<String, ?> fields) {
    out.accept(line("INFO", message, fields).toString());
  }

  void warn(String message, Map<String, ?> fields) {
    out.accept(line("WARN", message, fields).toString());
  }

  /**
   * A line that CloudWatch also reads as metrics (embedded metric format): each of {@code values} in
   * {@link ImportMetrics#NAMESPACE}, with the function's name as the one dimension; {@code fields} stay properties.
   */
  void metrics(String level, String message, Map<String, Metric> values, Map<String, ?> fields) {
    ObjectNode line = line(level, message, fields).put(ImportMetrics.DIMENSION, function);
    ObjectNode directive = line.putObject("_aws").put("Timestamp", System.currentTimeMillis())
        .putArray("CloudWatchMetrics").addObject().put("Namespace", ImportMetrics.NAMESPACE);
    directive.putArray("Dimensions").addArray().add(ImportMetrics.DIMENSION);
    ArrayNode definitions = directive.putArray("Metrics");
    values.forEach((name, metric) -> {
      definitions.addObject().put("Name", name).put("Unit", metric.unit());
      line.put(name, metric.value());
    });
    out.accept(line.toString());
  }

  /** One metric value and its CloudWatch unit ({@code Count}, {@code Seconds}, {@code Count/Second}). */
  record Metric(double value, String unit) {

    static Metric count(double value) {
      return new Metric(value, "Count");
    }
  }

  private ObjectNode line(String level, String message, Map<String, ?> fields) {
    ObjectNode json = ApiJson.MAPPER.createObjectNode().put("timestamp", Instant.now().toString()).put("level", level)
        .put("function", function).put("requestId", requestId).put("message", message);
    fields.forEach((k, v) -> json.set(k, ApiJson.MAPPER.valueToTree(v)));
    return json;
  }

  /**
   * Sends what the adapters log through {@code java.util.logging} (retries, throttling, a writer's deadline) to
   * {@code lines} as JSON lines, instead of plain text on stderr: the Lambda composition root sends them to stdout, the
   * local cloud to its log.
   */
  public static void routeJavaLogging(Consumer<String> lines) {
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    Formatter message = new SimpleFormatter();
    root.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          lines.accept(ApiJson.MAPPER.createObjectNode().put("timestamp", record.getInstant().toString())
              .put("level", record.getLevel() == Level.WARNING ? "WARN" : record.getLevel().getName())
              .put("logger", record.getLoggerName()).put("message", message.formatMessage(record)).toString());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    });
  }
}
