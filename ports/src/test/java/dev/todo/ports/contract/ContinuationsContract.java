package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.Continuations;
import dev.todo.ports.Continuations.Turn;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link Continuations} must do: a scheduled turn comes back whole. */
public abstract class ContinuationsContract {

  protected abstract Continuations continuations();

  /** The next scheduled turn that is due, taken off wherever the adapter keeps them. */
  protected abstract Optional<Turn> takeScheduled() throws Exception;

  @Test
  void aScheduledTurnComesBackWhole() throws Exception {
    ObjectRef source = new ObjectRef("imports", "import/big file ✓.csv.gz", Optional.of("v-3"), Optional.of("abc123"));
    continuations().schedule(Turn.goOn(source, "run-7f3a"), Duration.ZERO);
    assertThat(takeScheduled()).contains(Turn.goOn(source, "run-7f3a"));

    ObjectRef plain = ObjectRef.of("imports", "import/plain.csv", "e1");
    continuations().schedule(Turn.lookAgain(plain), Duration.ZERO);
    assertThat(takeScheduled()).contains(Turn.lookAgain(plain));
  }
}
