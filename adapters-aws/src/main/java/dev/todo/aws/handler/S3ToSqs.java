package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import dev.todo.aws.ImportMetrics;
import dev.todo.aws.handler.JsonLog.Metric;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.ports.Deadline;
import dev.todo.usecase.ImportOutcome;
import dev.todo.usecase.ImportService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;

/**
 * S3 {@code ObjectCreated} under {@code import/} -> the import: streams the file onto the row queue. When the
 * invocation's time runs short the import schedules a continuation and returns; a duplicate notification does nothing
 * (or, while another run reads the file, looks again once that run's claim would run out).
 */
public final class S3ToSqs implements RequestHandler<S3Event, String> {

  private final ImportService imports;
  private final Duration margin;
  private final Consumer<String> log;

  public S3ToSqs() {
    this(Default.RUNTIME.importService(), Default.RUNTIME.importTimeMargin());
  }

  public S3ToSqs(ImportService imports, Duration margin) {
    this(imports, margin, line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public S3ToSqs(ImportService imports, Duration margin, Consumer<String> log) {
    this.imports = imports;
    this.margin = margin;
    this.log = log;
  }

  @Override
  public String handleRequest(S3Event event, Context context) {
    JsonLog log = JsonLog.of(context, this.log);
    List<String> results = new ArrayList<>();
    for (S3EventNotificationRecord record : event.getRecords()) {
      S3ObjectEntity object = record.getS3().getObject();
      ObjectRef ref = new ObjectRef(record.getS3().getBucket().getName(), object.getUrlDecodedKey(),
          Optional.ofNullable(object.getVersionId()), Optional.ofNullable(object.geteTag()));
      Map<String, Object> where = Map.of("bucket", ref.bucket(), "key", ref.key());
      if (!record.getEventName().startsWith("ObjectCreated") || !ref.isImportable()) {
        log.info("skipped: not an import", where);
        results.add("skipped " + ref);
        continue;
      }
      ImportOutcome outcome;
      try {
        outcome = imports.start(ref, deadline(context, margin));
      } catch (IOException e) {
        log.warn("reading the file failed, Lambda will retry", Map.of("bucket", ref.bucket(), "key", ref.key(),
            "importId", ImportId.of(ref).value(), "error", String.valueOf(e)));
        throw new UncheckedIOException("reading " + ref + " failed", e);
      }
      logOutcome(log, outcome, where);
      results.add(describe(outcome));
    }
    return String.join("; ", results);
  }

  static Deadline deadline(Context context, Duration margin) {
    return () -> context.getRemainingTimeInMillis() < margin.toMillis();
  }

  /** One line per import outcome, with the import's id, its key and its counters. */
  static void logOutcome(JsonLog log, ImportOutcome outcome, Map<String, Object> where) {
    Map<String, Object> fields = new LinkedHashMap<>(where);
    if (outcome instanceof ImportOutcome.Paused p) {
      fields.put("importId", p.checkpoint().importId().value());
      fields.put("key", p.checkpoint().source().key());
      fields.put("line", p.checkpoint().position().line());
      fields.putAll(counters(p.checkpoint().progress()));
    } else {
      ImportRecord record = outcome instanceof ImportOutcome.Queued q ? q.record()
          : outcome instanceof ImportOutcome.AlreadyImported a ? a.record()
          : outcome instanceof ImportOutcome.Deferred d ? d.record() : ((ImportOutcome.Failed) outcome).record();
      fields.put("importId", record.importId().value());
      fields.put("key", record.source().key());
      fields.put("status", record.status().name());
      fields.putAll(counters(record.progress()));
    }
    if (outcome instanceof ImportOutcome.Queued queued && queued.record().producerFinishedAt().isPresent()) {
      ImportProgress p = queued.record().progress();
      double seconds = Math.max(0.001, (queued.record().producerFinishedAt().get() - queued.record().startedAt()) / 1000.0);
      log.metrics("INFO", describe(outcome), Map.of(ImportMetrics.ROWS_READ, Metric.count(p.rowsRead()),
          ImportMetrics.ROWS_QUEUED, Metric.count(p.rowsQueued()), ImportMetrics.ROWS_REJECTED, Metric.count(p.rowsRejected()),
          ImportMetrics.READ_SECONDS, new Metric(seconds, "Seconds"),
          ImportMetrics.ROWS_READ_PER_SECOND, new Metric(p.rowsRead() / seconds, "Count/Second")), fields);
    } else if (outcome instanceof ImportOutcome.Failed) {
      log.metrics("WARN", describe(outcome), Map.of(ImportMetrics.IMPORTS_FAILED, Metric.count(1)), fields);
    } else if (outcome instanceof ImportOutcome.AlreadyImported) {
      log.debug(describe(outcome), fields); // a restart's scan of the bucket makes one for every file imported before
    } else {
      log.info(describe(outcome), fields);
    }
  }

  private static Map<String, Object> counters(ImportProgress progress) {
    return Map.of("rowsRead", progress.rowsRead(), "rowsQueued", progress.rowsQueued(), "rowsRejected", progress.rowsRejected());
  }

  static String describe(ImportOutcome outcome) {
    if (outcome instanceof ImportOutcome.Queued q) {
      ImportProgress p = q.record().progress();
      return "import " + q.record().importId() + " queued: " + p.rowsRead() + (p.rowsRead() == 1 ? " row" : " rows")
          + " read, " + p.rowsQueued() + " queued, " + p.rowsRejected() + " rejected";
    }
    if (outcome instanceof ImportOutcome.Paused p) {
      return "import " + p.checkpoint().importId() + " paused at line " + p.checkpoint().position().line()
          + ", continuation scheduled";
    }
    if (outcome instanceof ImportOutcome.AlreadyImported a) {
      return "import " + a.record().importId() + " already imported: duplicate notification ignored";
    }
    if (outcome instanceof ImportOutcome.Deferred d) {
      return "import " + d.record().importId() + " is being read by another run, whose claim stands until "
          + Instant.ofEpochMilli(d.until()) + ": looking again then";
    }
    ImportOutcome.Failed f = (ImportOutcome.Failed) outcome;
    return "import " + f.record().importId() + " failed: " + f.record().failure().orElse("?");
  }
}
