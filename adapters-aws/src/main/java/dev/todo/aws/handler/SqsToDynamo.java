package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.ports.Deadline;
import dev.todo.ports.QueueMessage;
import dev.todo.aws.ImportMetrics;
import dev.todo.aws.handler.JsonLog.Metric;
import dev.todo.usecase.BatchOutcome;
import dev.todo.usecase.RowWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;

/**
 * A batch of row messages -> the todo table; only the messages that failed go back to the queue (from a FIFO queue,
 * every message from the first failed one on, so that none is written out of order).
 */
public final class SqsToDynamo implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /**
   * A paced writer starts no slice of writes this close to its timeout (a slice is at most a second's pace, a throttled
   * one longer): the messages it has not written go back to the queue, and the ones it has are not written again.
   */
  static final Duration TIME_MARGIN = Duration.ofSeconds(10);

  /** The margin for an invocation with this much time left at its start: a quarter of it where that is less. */
  static Duration margin(long remainingMillis) {
    return Duration.ofMillis(Math.min(TIME_MARGIN.toMillis(), remainingMillis / 4));
  }

  private final RowWriter writer;
  private final Consumer<String> log;

  public SqsToDynamo() {
    this(Default.RUNTIME.rowWriter());
  }

  public SqsToDynamo(RowWriter writer) {
    this(writer, line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public SqsToDynamo(RowWriter writer, Consumer<String> log) {
    this.writer = writer;
    this.log = log;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<QueueMessage> messages = event.getRecords().stream()
        .map(m -> new QueueMessage(m.getMessageId(), m.getBody(), receiveCount(m))).toList();
    boolean fifo = event.getRecords().stream().anyMatch(m -> Optional.ofNullable(m.getEventSourceArn()).orElse("").endsWith(".fifo"));
    Deadline deadline = S3ToSqs.deadline(context, margin(context.getRemainingTimeInMillis()));
    BatchOutcome outcome = fifo ? writer.writeInOrder(messages, deadline) : writer.write(messages, deadline);
    JsonLog log = JsonLog.of(context, this.log);
    for (BatchOutcome.ImportShare share : outcome.imports()) {
      Map<String, Object> fields = Map.of("importId", share.importId().value(), "messages", share.messages(),
          "rowsWritten", share.rowsWritten(), "failedMessages", share.failed(), "rowsDeadLettered", share.rowsDeadLettered());
      if (share.failed().isEmpty()) {
        log.info("rows written", fields);
      } else {
        log.warn(share.failed().size() + " message(s) not written; they return to the queue", fields);
      }
    }
    long written = outcome.imports().stream().mapToLong(BatchOutcome.ImportShare::rowsWritten).sum();
    long deadLettered = outcome.imports().stream().mapToLong(BatchOutcome.ImportShare::rowsDeadLettered).sum();
    log.metrics("INFO", "batch written", Map.of(ImportMetrics.ROWS_WRITTEN, Metric.count(written),
        ImportMetrics.ROWS_DEAD_LETTERED, Metric.count(deadLettered), ImportMetrics.BATCH_MESSAGES, Metric.count(messages.size()),
        ImportMetrics.FAILED_MESSAGES, Metric.count(outcome.failed().size()),
        ImportMetrics.RETRIED_ITEMS, Metric.count(outcome.retriedItems()),
        ImportMetrics.THROTTLED_CALLS, Metric.count(outcome.throttledCalls())),
        Map.of("importIds", outcome.imports().stream().map(s -> s.importId().value()).toList()));
    if (!outcome.unreadable().isEmpty()) {
      log.warn("not row messages; they return to the queue until they are dead-lettered",
          Map.of("failedMessages", outcome.unreadable()));
    }
    return new SQSBatchResponse(outcome.failed().stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
  }

  /** How often SQS has handed the message out (its {@code ApproximateReceiveCount}), 1 where it does not say. */
  private static int receiveCount(SQSEvent.SQSMessage message) {
    String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
