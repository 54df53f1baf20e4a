package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.aws.SqsContinuations;
import dev.todo.domain.ImportId;
import dev.todo.domain.MalformedMessageException;
import dev.todo.ports.Continuations.Turn;
import dev.todo.usecase.ImportService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;

/**
 * A message on the control queue -> the import's next turn: the run that paused it goes on from its checkpoint, or a
 * run looks again whether the import needs reading.
 */
public final class ImportContinuation implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final ImportService imports;
  private final Duration margin;
  private final Consumer<String> log;

  public ImportContinuation() {
    this(Default.RUNTIME.importService(), Default.RUNTIME.importTimeMargin());
  }

  public ImportContinuation(ImportService imports, Duration margin) {
    this(imports, margin, line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public ImportContinuation(ImportService imports, Duration margin, Consumer<String> log) {
    this.imports = imports;
    this.margin = margin;
    this.log = log;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    JsonLog log = JsonLog.of(context, this.log);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      Map<String, Object> where = new LinkedHashMap<>();
      where.put("messageId", message.getMessageId());
      try {
        Turn turn = SqsContinuations.decode(message.getBody());
        where.put("importId", ImportId.of(turn.source()).value());
        where.put("key", turn.source().key());
        S3ToSqs.logOutcome(log, imports.take(turn, S3ToSqs.deadline(context, margin)), where);
      } catch (MalformedMessageException | IOException | RuntimeException e) {
        where.put("error", String.valueOf(e));
        log.warn("continuation failed; it returns to the queue", where);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
