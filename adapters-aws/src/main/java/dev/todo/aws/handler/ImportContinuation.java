package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.domain.CheckpointCodec;
import dev.todo.domain.MalformedMessageException;
import dev.todo.usecase.ImportService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A continuation message on the control queue -> the import resumed from its checkpoint. */
public final class ImportContinuation implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final ImportService imports;
  private final Duration margin;

  public ImportContinuation() {
    this(Default.RUNTIME.importService(), Default.RUNTIME.importTimeMargin());
  }

  public ImportContinuation(ImportService imports, Duration margin) {
    this.imports = imports;
    this.margin = margin;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        context.getLogger().log(S3ToSqs.describe(imports.resume(CheckpointCodec.decode(message.getBody()),
            S3ToSqs.deadline(context, margin))));
      } catch (MalformedMessageException | IOException | RuntimeException e) {
        context.getLogger().log("continuation " + message.getMessageId() + " failed: " + e);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
