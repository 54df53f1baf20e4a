package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import dev.todo.domain.ObjectRef;
import dev.todo.ports.Deadline;
import dev.todo.usecase.ImportOutcome;
import dev.todo.usecase.ImportService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * S3 {@code ObjectCreated} under {@code import/} -> the import: streams the file onto the row queue. When the
 * invocation's time runs short the import schedules a continuation and returns; duplicate notifications do nothing.
 */
public final class S3ToSqs implements RequestHandler<S3Event, String> {

  private final ImportService imports;
  private final Duration margin;

  public S3ToSqs() {
    this(Default.RUNTIME.importService(), Default.RUNTIME.importTimeMargin());
  }

  public S3ToSqs(ImportService imports, Duration margin) {
    this.imports = imports;
    this.margin = margin;
  }

  @Override
  public String handleRequest(S3Event event, Context context) {
    List<String> results = new ArrayList<>();
    for (S3EventNotificationRecord record : event.getRecords()) {
      S3ObjectEntity object = record.getS3().getObject();
      ObjectRef ref = new ObjectRef(record.getS3().getBucket().getName(), object.getUrlDecodedKey(),
          Optional.ofNullable(object.getVersionId()), Optional.ofNullable(object.geteTag()));
      if (!record.getEventName().startsWith("ObjectCreated") || !ref.isImportable()) {
        results.add("skipped " + ref);
        continue;
      }
      try {
        results.add(describe(imports.start(ref, deadline(context, margin))));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + ref + " failed", e);
      }
    }
    String summary = String.join("; ", results);
    context.getLogger().log(summary);
    return summary;
  }

  static Deadline deadline(Context context, Duration margin) {
    return () -> context.getRemainingTimeInMillis() < margin.toMillis();
  }

  static String describe(ImportOutcome outcome) {
    if (outcome instanceof ImportOutcome.Queued q) {
      return "import " + q.record().importId() + " queued " + q.record().progress();
    }
    if (outcome instanceof ImportOutcome.Paused p) {
      return "import " + p.checkpoint().importId() + " paused at line " + p.checkpoint().position().line()
          + ", continuation scheduled";
    }
    if (outcome instanceof ImportOutcome.AlreadyImported a) {
      return "import " + a.record().importId() + " already imported: duplicate notification ignored";
    }
    ImportOutcome.Failed f = (ImportOutcome.Failed) outcome;
    return "import " + f.record().importId() + " failed: " + f.record().failure().orElse("?");
  }
}
