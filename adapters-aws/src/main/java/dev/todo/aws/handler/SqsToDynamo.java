package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.ports.QueueMessage;
import dev.todo.usecase.RowWriter;
import java.util.List;
import java.util.Optional;

/**
 * A batch of row messages -> the todo table; only the messages that failed go back to the queue (from a FIFO queue,
 * every message from the first failed one on, so that none is written out of order).
 */
public final class SqsToDynamo implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final RowWriter writer;

  public SqsToDynamo() {
    this(Default.RUNTIME.rowWriter());
  }

  public SqsToDynamo(RowWriter writer) {
    this.writer = writer;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<QueueMessage> messages = event.getRecords().stream()
        .map(m -> new QueueMessage(m.getMessageId(), m.getBody())).toList();
    boolean fifo = event.getRecords().stream().anyMatch(m -> Optional.ofNullable(m.getEventSourceArn()).orElse("").endsWith(".fifo"));
    List<String> failed = fifo ? writer.writeInOrder(messages) : writer.write(messages);
    if (!failed.isEmpty()) {
      context.getLogger().log(failed.size() + " of " + messages.size() + " message(s) not written: " + failed);
    }
    return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
  }
}
