package dev.todo.domain;

import java.util.List;

/**
 * Where a paused import stopped: every row before {@code position} is queued or rejected (and counted in
 * {@code progress}); resuming there, reading the file as before (its compression, its kind, its delimiter and its
 * header), queues exactly the rest.
 */
public record Checkpoint(ObjectRef source, ReadPosition position, List<String> header, Compression compression,
                         FileFormat.Kind kind, char delimiter, ImportProgress progress) {

  public Checkpoint {
    header = List.copyOf(header);
  }

  public ImportId importId() {
    return ImportId.of(source);
  }
}
