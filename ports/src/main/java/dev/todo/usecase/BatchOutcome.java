package dev.todo.usecase;

import dev.todo.domain.ImportId;
import java.util.List;

/**
 * What became of one batch of row messages: the ids of the messages to hand back to the queue, the ones that were
 * not row messages at all, for each import in the batch what was written, and how much retrying the store needed
 * (items it handed back unprocessed and sent again, calls it throttled).
 */
public record BatchOutcome(List<String> failed, List<String> unreadable, List<ImportShare> imports, long retriedItems,
                           long throttledCalls) {

  public BatchOutcome {
    failed = List.copyOf(failed);
    unreadable = List.copyOf(unreadable);
    imports = List.copyOf(imports);
  }

  /**
   * One import's share of the batch: its messages, the rows written from them, its messages that failed, and the
   * rows of those that failed on their last receive and go to the dead-letter queue.
   */
  public record ImportShare(ImportId importId, int messages, long rowsWritten, List<String> failed, long rowsDeadLettered) {

    public ImportShare {
      failed = List.copyOf(failed);
    }
  }
}
