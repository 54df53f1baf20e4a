package dev.todo.domain;

import java.util.Optional;

/**
 * The journal's record of one import: its source, counters and times. The status is derived, so it can
 * never disagree with the counters: an import is over once the producer has finished and every queued row
 * has been written or has gone to the dead-letter queue ({@code rowsFailed}, until a redrive writes them).
 */
public record ImportRecord(ImportId importId, ObjectRef source, long startedAt, ImportProgress progress,
                           long rowsWritten, long rowsFailed, Optional<Long> producerFinishedAt, Optional<Long> lastWrittenAt,
                           Optional<String> errorReport, Optional<String> failure, Optional<Long> failedAt) {

  public static ImportRecord started(ObjectRef source, long startedAt) {
    return new ImportRecord(ImportId.of(source), source, startedAt, ImportProgress.NONE, 0, 0, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ImportStatus status() {
    if (failure.isPresent()) {
      return ImportStatus.FAILED;
    }
    if (producerFinishedAt.isPresent() && rowsWritten + rowsFailed >= progress.rowsQueued()) {
      return rowsFailed > 0 ? ImportStatus.PARTIALLY_FAILED
          : progress.rowsRejected() > 0 ? ImportStatus.COMPLETED_WITH_ERRORS : ImportStatus.COMPLETED;
    }
    return ImportStatus.RUNNING;
  }

  /** When the import reached its final status, if it has. */
  public Optional<Long> finishedAt() {
    return switch (status()) {
      case RUNNING -> Optional.empty();
      case FAILED -> failedAt;
      case COMPLETED, COMPLETED_WITH_ERRORS, PARTIALLY_FAILED ->
          Optional.of(Math.max(producerFinishedAt.orElseThrow(), lastWrittenAt.orElse(0L)));
    };
  }

  /** Whether the producer's part is over: a new notification for the same object has nothing to do. */
  public boolean producerDone() {
    return producerFinishedAt.isPresent() || failure.isPresent();
  }

  public ImportRecord withProgress(ImportProgress p) {
    return new ImportRecord(importId, source, startedAt, progress.max(p), rowsWritten, rowsFailed, producerFinishedAt,
        lastWrittenAt, errorReport, failure, failedAt);
  }

  public ImportRecord withProducerFinished(ImportProgress p, Optional<String> report, long at) {
    return new ImportRecord(importId, source, startedAt, progress.max(p), rowsWritten, rowsFailed,
        Optional.of(producerFinishedAt.orElse(at)), lastWrittenAt, report.or(() -> errorReport), failure, failedAt);
  }

  public ImportRecord withWritten(long rows, long at) {
    return new ImportRecord(importId, source, startedAt, progress, rowsWritten + rows, rowsFailed, producerFinishedAt,
        Optional.of(Math.max(at, lastWrittenAt.orElse(at))), errorReport, failure, failedAt);
  }

  /** Adds rows whose message went to the dead-letter queue and has not been written since. */
  public ImportRecord withFailedRows(long rows) {
    return new ImportRecord(importId, source, startedAt, progress, rowsWritten, rowsFailed + rows, producerFinishedAt,
        lastWrittenAt, errorReport, failure, failedAt);
  }

  public ImportRecord withFailure(String reason, long at) {
    return new ImportRecord(importId, source, startedAt, progress, rowsWritten, rowsFailed, producerFinishedAt,
        lastWrittenAt, errorReport, Optional.of(reason), Optional.of(at));
  }
}
