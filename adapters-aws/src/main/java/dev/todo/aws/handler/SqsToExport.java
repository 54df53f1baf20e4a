package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.aws.SqsExportTasks;
import dev.todo.domain.MalformedMessageException;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.usecase.ExportWorker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An export task on the export queue -> the worker reads its segment, or assembles the file. A task that fails goes
 * back to the queue; on its last receive the export is ended FAILED with the error as its reason.
 */
public final class SqsToExport implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final ExportWorker worker;
  private final Duration margin;
  private final int maxReceiveCount;
  private final Consumer<String> log;

  public SqsToExport() {
    this(Default.RUNTIME.exportWorker(), Default.RUNTIME.importTimeMargin(), Default.RUNTIME.settings().maxReceiveCount(),
        line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public SqsToExport(ExportWorker worker, Duration margin, int maxReceiveCount, Consumer<String> log) {
    this.worker = worker;
    this.margin = margin;
    this.maxReceiveCount = maxReceiveCount;
    this.log = log;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    JsonLog log = JsonLog.of(context, this.log);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      Map<String, Object> where = new LinkedHashMap<>();
      where.put("messageId", message.getMessageId());
      ExportTask task;
      try {
        task = SqsExportTasks.decode(message.getBody());
      } catch (MalformedMessageException e) {
        where.put("error", e.getMessage());
        log.warn("not an export task; it returns to the queue until it is dead-lettered", where);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        continue;
      }
      where.put("exportId", task.exportId());
      where.put("segment", task.segment());
      try {
        worker.run(task, S3ToSqs.deadline(context, margin));
        log.info("export task done", where);
      } catch (IOException | RuntimeException e) {
        where.put("error", String.valueOf(e));
        if (receiveCount(message) >= maxReceiveCount) {
          failLastTime(task, e, log, where);
        } else {
          log.warn("export task failed; it returns to the queue", where);
          failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
      }
    }
    return new SQSBatchResponse(failures);
  }

  private void failLastTime(ExportTask task, Exception e, JsonLog log, Map<String, Object> where) {
    String reason = (task.assembles() ? "assembling the file" : "reading segment " + task.segment()) + " failed "
        + maxReceiveCount + " times, last with: " + e.getMessage();
    try {
      worker.fail(task, reason);
      log.warn("export failed: " + reason, where);
    } catch (IOException | RuntimeException again) {
      where.put("failError", String.valueOf(again));
      log.warn("export task failed for the last time and its export could not be marked failed", where);
    }
  }

  private static int receiveCount(SQSEvent.SQSMessage message) {
    Map<String, String> attributes = message.getAttributes();
    return attributes == null ? 1 : Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
  }
}
