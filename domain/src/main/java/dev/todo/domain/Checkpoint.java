package dev.todo.domain;

import java.util.List;

/**
 * Where a paused import stopped: every row before {@code position} is queued or rejected (and counted in
 * {@code progress}); resuming there queues exactly the rest.
 */
public record Checkpoint(ObjectRef source, ReadPosition position, List<String> header, boolean gzip,
                         ImportProgress progress) {

  public Checkpoint {
    header = List.copyOf(header);
  }

  public ImportId importId() {
    return ImportId.of(source);
  }
}
