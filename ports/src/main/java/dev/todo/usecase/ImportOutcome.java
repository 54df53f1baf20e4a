package dev.todo.usecase;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.ImportRecord;

/** What one run of the import did. */
public sealed interface ImportOutcome {

  /** Every row of the file is queued or rejected; the record shows the counters so far. */
  record Queued(ImportRecord record) implements ImportOutcome {
  }

  /** The deadline came first; a continuation from the checkpoint is scheduled to queue exactly the rest. */
  record Paused(Checkpoint checkpoint) implements ImportOutcome {
  }

  /** This object was already read to its end, or its import failed (a duplicate notification); nothing was queued. */
  record AlreadyImported(ImportRecord record) implements ImportOutcome {
  }

  /**
   * Another run reads the file (a notification that came twice at once, or a run taken over): this one queued nothing
   * more and scheduled a look again for when that run's claim, standing until {@code until}, would run out.
   */
  record Deferred(ImportRecord record, long until) implements ImportOutcome {
  }

  /** The file cannot be imported as a whole; the record carries the reason. */
  record Failed(ImportRecord record) implements ImportOutcome {
  }
}
