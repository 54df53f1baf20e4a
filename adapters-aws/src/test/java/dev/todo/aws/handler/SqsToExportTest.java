package dev.todo.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.SqsExportTasks;
import dev.todo.domain.ExportFilter;
import dev.todo.domain.ExportFormat;
import dev.todo.domain.ExportRecord;
import dev.todo.domain.ExportStatus;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.usecase.ExportWorker;
import dev.todo.usecase.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsToExportTest {

  private static final LocalStack STACK = new LocalStack(Map.of("EXPORT_SEGMENTS", "3"));

  @Test
  void theExportQueuesTasksRunUntilTheFileHoldsEveryTodo() throws Exception {
    AwsRuntime runtime = STACK.runtime();
    for (int i = 0; i < 40; i++) {
      runtime.todoService().create(Map.of("name", "task " + i, "completed", i % 2 == 0));
    }
    ExportRecord started = runtime.exportDesk().start(new ExportFilter(java.util.Optional.of(true), java.util.Optional.empty()),
        ExportFormat.CSV);
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    SqsToExport handler = new SqsToExport(runtime.exportWorker(), Duration.ofSeconds(1), 5, log::add);

    for (int rounds = 0; rounds < 10 && status(runtime, started) == ExportStatus.RUNNING; rounds++) {
      SQSEvent tasks = STACK.drain(STACK.exportQueueUrl);
      for (SQSEvent batch : LocalStack.batchesOfTen(tasks)) {
        assertThat(handler.handleRequest(batch, Contexts.plenty()).getBatchItemFailures()).isEmpty();
      }
    }

    ExportRecord done = ((Result.Ok<ExportRecord>) runtime.exportDesk().find(started.exportId())).value();
    assertThat(done.status()).as("the export's work %s, the worker's log %s", STACK.s3.listObjectsV2(r -> r.bucket(LocalStack.BUCKET)
        .prefix("export-work/" + started.exportId() + "/")).contents().stream().map(o -> o.key()).toList(), log)
        .isEqualTo(ExportStatus.COMPLETED);
    assertThat(done.segments()).isEqualTo(3);
    String csv = STACK.s3.getObjectAsBytes(r -> r.bucket(LocalStack.BUCKET).key(done.key())).asUtf8String();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("todoId,name,completed,createdAt,updatedAt");
    assertThat(lines.stream().skip(1).filter(l -> l.contains(",true,"))).hasSizeGreaterThanOrEqualTo(20);
    assertThat(lines.stream().skip(1)).allMatch(l -> l.contains(",true,"));
    assertThat(done.rows()).isEqualTo(lines.size() - 1);
  }

  @Test
  void aTaskThatFailsGoesBackToTheQueueAndOnItsLastReceiveEndsTheExportFailed() throws Exception {
    ExportWorker worker = mock(ExportWorker.class);
    doThrow(new IOException("throttled")).when(worker).run(any(), any());
    SqsToExport handler = new SqsToExport(worker, Duration.ofSeconds(1), 5, line -> { });
    ExportTask task = new ExportTask("20261207T053000Z-1a2b3c4d", 2);

    SQSBatchResponse early = handler.handleRequest(event(task, 4), Contexts.plenty());
    assertThat(early.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m-4");
    verify(worker, never()).fail(any(), any());

    SQSBatchResponse last = handler.handleRequest(event(task, 5), Contexts.plenty());
    assertThat(last.getBatchItemFailures()).isEmpty();
    verify(worker).fail(eq(task), contains("reading segment 2 failed 5 times, last with: throttled"));
  }

  @Test
  void aMessageThatIsNoTaskReturnsToTheQueue() {
    SQSEvent event = event(new ExportTask("x", 0), 1);
    event.getRecords().get(0).setBody("{\"segment\":1}");
    assertThat(new SqsToExport(mock(ExportWorker.class), Duration.ofSeconds(1), 5, line -> { })
        .handleRequest(event, Contexts.plenty()).getBatchItemFailures()).hasSize(1);
  }

  private static ExportStatus status(AwsRuntime runtime, ExportRecord export) {
    return ((Result.Ok<ExportRecord>) runtime.exportDesk().find(export.exportId())).value().status();
  }

  private static SQSEvent event(ExportTask task, int receiveCount) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId("m-" + receiveCount);
    message.setBody(SqsExportTasks.encode(task));
    message.setAttributes(Map.of("ApproximateReceiveCount", String.valueOf(receiveCount)));
    SQSEvent event = new SQSEvent();
    event.setRecords(new ArrayList<>(List.of(message)));
    return event;
  }
}
