package dev.todo.cdk;

import dev.todo.aws.ImportMetrics;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What an operator looks at: the dashboard (import throughput from the functions' own metrics, the queues, each
 * function, the table, the API) and the alarms that catch a stuck import, not only a failed one, optionally
 * notifying an SNS topic with an email subscription ({@code -c alarmEmail=...}).
 */
final class TodoOperations {

  /** The resources the dashboard and alarms watch. */
  record Watched(Queue rows, Queue deadLetters, Queue controlDeadLetters, Queue eventFailures, Table todos, RestApi api,
                 Alias importer, Alias continuation, Alias writer, List<Alias> apiFunctions, List<Alias> eventFunctions,
                 Exports exports) {
  }

  /** The export's queue, its dead-letter queue and its worker. */
  record Exports(Queue tasks, Queue deadLetters, Alias worker) {
  }

  private final Construct scope;
  private final Optional<Topic> topic;

  private TodoOperations(Construct scope, Optional<String> alarmEmail) {
    this.scope = scope;
    this.topic = alarmEmail.map(email -> {
      Topic t = Topic.Builder.create(scope, "Alarms").displayName("Todo import alarms").enforceSsl(true).build();
      t.addSubscription(new EmailSubscription(email));
      NagSuppressions.addResourceSuppressions(t, List.of(NagPackSuppression.builder().id("AwsSolutions-SNS2")
          .reason("Alarm state changes only, no data; a customer managed KMS key would cost money at rest, and the "
              + "AWS managed key cannot be used by CloudWatch alarms.").build()));
      return t;
    });
  }

  static void create(Construct scope, Optional<String> alarmEmail, Duration stuckAfter, Watched w) {
    TodoOperations ops = new TodoOperations(scope, alarmEmail);
    ops.alarms(w, stuckAfter);
    ops.dashboard(w);
  }

  private void alarms(Watched w, Duration stuckAfter) {
    alarm("ImportDeadLettersAlarm", "Row messages failed their last try and wait in the import dead-letter queue: "
        + "their imports are PARTIALLY_FAILED; fix the cause, then redrive", w.deadLetters().metricApproximateNumberOfMessagesVisible(), 1);
    alarm("ControlDeadLettersAlarm", "Import continuations failed 5 times: those imports stopped reading their files",
        w.controlDeadLetters().metricApproximateNumberOfMessagesVisible(), 1);
    alarm("ExportDeadLettersAlarm", "Export tasks that were no task, or whose export could not be marked FAILED, wait in the "
        + "export dead-letter queue", w.exports().deadLetters().metricApproximateNumberOfMessagesVisible(), 1);
    alarm("ExportQueueStuckAlarm", "The oldest export task has waited over " + stuckAfter.toMinutes() + " minutes: the export "
        + "worker is not running or keeps failing (an export is stuck RUNNING)",
        w.exports().tasks().metricApproximateAgeOfOldestMessage(MetricOptions.builder().period(Duration.minutes(1)).build()),
        stuckAfter.toSeconds());
    alarm("EventDeadLettersAlarm", "Events were not delivered: a stream batch failed 10 times (its position in the stream "
        + "is in the message) or the notifier failed an event 8 times", w.eventFailures().metricApproximateNumberOfMessagesVisible(), 1);
    alarm("ImportQueueStuckAlarm", "The oldest row message has waited over " + stuckAfter.toMinutes() + " minutes: "
        + "the writer is not keeping up or not running (an import is stuck RUNNING)",
        w.rows().metricApproximateAgeOfOldestMessage(MetricOptions.builder().period(Duration.minutes(1)).build()),
        stuckAfter.toSeconds());
    alarm("WriterErrorsAlarm", "The writer function fails whole invocations (its batches return to the queue)",
        w.writer().metricErrors(MetricOptions.builder().period(Duration.minutes(5)).build()), 1);
    alarm("TableThrottledAlarm", "The todo table throttles requests: writes are slowed and retried",
        w.todos().metricThrottledRequestsForOperation(Operation.BATCH_WRITE_ITEM.toString(),
            MetricOptions.builder().period(Duration.minutes(5)).build()), 1);
  }

  private void alarm(String id, String description, IMetric metric, Number threshold) {
    Alarm alarm = Alarm.Builder.create(scope, id).alarmDescription(description).metric(metric)
        .threshold(threshold).evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING).build();
    topic.ifPresent(t -> alarm.addAlarmAction(new SnsAction(t)));
  }

  private void dashboard(Watched w) {
    Dashboard board = Dashboard.Builder.create(scope, "Dashboard").dashboardName("todo-import").build();
    List<IWidget> row = new ArrayList<>();
    board.addWidgets(TextWidget.Builder.create().width(24).height(2).markdown("# Todo import\n"
        + "An import stuck RUNNING: look first at *Import queue: oldest message* and *Writer: errors and throttles*; "
        + "rows in the dead-letter queue mean PARTIALLY_FAILED imports to redrive.").build());
    board.addWidgets(
        graph("Rows per minute (read, written, rejected, dead-lettered)", List.of(
            imports(ImportMetrics.ROWS_READ, w.importer()), imports(ImportMetrics.ROWS_READ, w.continuation()),
            imports(ImportMetrics.ROWS_WRITTEN, w.writer()), imports(ImportMetrics.ROWS_REJECTED, w.importer()),
            imports(ImportMetrics.ROWS_DEAD_LETTERED, w.writer()))),
        graph("Import queue: depth and oldest message (s)", List.of(w.rows().metricApproximateNumberOfMessagesVisible(),
            w.rows().metricApproximateNumberOfMessagesNotVisible(), w.rows().metricApproximateAgeOfOldestMessage())),
        graph("Dead-letter queues: depth", List.of(w.deadLetters().metricApproximateNumberOfMessagesVisible(),
            w.controlDeadLetters().metricApproximateNumberOfMessagesVisible())));
    for (Alias f : List.of(w.importer(), w.continuation(), w.writer())) {
      row.add(graph(f.getLambda().getNode().getId() + ": invocations, errors, throttles",
          List.of(f.metricInvocations(), f.metricErrors(), f.metricThrottles())));
    }
    board.addWidgets(row.toArray(IWidget[]::new));
    board.addWidgets(
        graph("Functions: duration (p90, ms)", List.of(w.importer(), w.continuation(), w.writer()).stream()
            .map(f -> (IMetric) f.metricDuration(MetricOptions.builder().statistic("p90").build())).toList()),
        graph("Writer: messages, failed messages, retried items, throttled calls", List.of(
            imports(ImportMetrics.BATCH_MESSAGES, w.writer()), imports(ImportMetrics.FAILED_MESSAGES, w.writer()),
            imports(ImportMetrics.RETRIED_ITEMS, w.writer()), imports(ImportMetrics.THROTTLED_CALLS, w.writer()))),
        graph("Todo table: consumed write capacity and throttled batch writes", List.of(
            w.todos().metricConsumedWriteCapacityUnits(),
            w.todos().metricThrottledRequestsForOperation(Operation.BATCH_WRITE_ITEM.toString()))));
    board.addWidgets(
        graph("API: 4xx and 5xx", List.of(w.api().metricClientError(), w.api().metricServerError())),
        graph("API: latency (p90, ms)", List.of(w.api().metricLatency(MetricOptions.builder().statistic("p90").build()))),
        graph("API functions: errors", w.apiFunctions().stream().map(f -> (IMetric) f.metricErrors()).toList()));
    board.addWidgets(
        graph("Event functions: invocations and errors", w.eventFunctions().stream()
            .flatMap(f -> java.util.stream.Stream.of((IMetric) f.metricInvocations(), f.metricErrors())).toList()),
        graph("Event dead-letter queue: depth", List.of(w.eventFailures().metricApproximateNumberOfMessagesVisible())));
    Alias worker = w.exports().worker();
    board.addWidgets(
        graph("Export queue: depth and oldest task (s)", List.of(w.exports().tasks().metricApproximateNumberOfMessagesVisible(),
            w.exports().tasks().metricApproximateNumberOfMessagesNotVisible(), w.exports().tasks().metricApproximateAgeOfOldestMessage(),
            w.exports().deadLetters().metricApproximateNumberOfMessagesVisible())),
        graph("ExportWorker: invocations, errors, throttles", List.of(worker.metricInvocations(), worker.metricErrors(),
            worker.metricThrottles())),
        graph("ExportWorker: duration (p90, ms)", List.of(worker.metricDuration(MetricOptions.builder().statistic("p90").build()))));
  }

  private static IMetric imports(String name, Alias function) {
    return Metric.Builder.create().namespace(ImportMetrics.NAMESPACE).metricName(name)
        .dimensionsMap(Map.of(ImportMetrics.DIMENSION, function.getLambda().getFunctionName()))
        .statistic("Sum").period(Duration.minutes(1)).label(name + " (" + function.getLambda().getNode().getId() + ")")
        .build();
  }

  private static GraphWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(metrics).width(8).height(6).build();
  }
}
