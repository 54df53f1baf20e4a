package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.Compression;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.ReadPosition;
import dev.todo.ports.Continuations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link Continuations} must do: a scheduled checkpoint comes back whole. */
public abstract class ContinuationsContract {

  protected abstract Continuations continuations();

  /** The next scheduled checkpoint, taken off wherever the adapter keeps them. */
  protected abstract Optional<Checkpoint> takeScheduled() throws Exception;

  @Test
  void aScheduledCheckpointComesBackWhole() throws Exception {
    Checkpoint checkpoint = new Checkpoint(
        new ObjectRef("imports", "import/big file ✓.csv.gz", Optional.of("v-3"), Optional.of("abc123")),
        new ReadPosition(123_457, 9_876_543_210L), List.of("name", "completed", "Prïority"), Compression.ZSTD, FileFormat.Kind.DELIMITED, ';',
        new ImportProgress(123_455, 123_400, 55));
    continuations().schedule(checkpoint);
    assertThat(takeScheduled()).contains(checkpoint);
  }
}
