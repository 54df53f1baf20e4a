package dev.todo.ports;

import dev.todo.domain.ObjectRef;
import java.time.Duration;
import java.util.Optional;

/** Hands an import to a later run (a fresh invocation): the run that paused it going on, or any run looking again. */
public interface Continuations {

  /**
   * A later turn at an import: {@code run} names the run that paused it, which goes on as itself from where it stopped;
   * a turn without one looks again whether the import needs a producer (another run held it when this one came).
   */
  record Turn(ObjectRef source, Optional<String> run) {

    /** The run that paused the import goes on. */
    public static Turn goOn(ObjectRef source, String run) {
      return new Turn(source, Optional.of(run));
    }

    /** Any run looks again. */
    public static Turn lookAgain(ObjectRef source) {
      return new Turn(source, Optional.empty());
    }
  }

  /** The longest a turn can wait (SQS's longest message delay); a longer {@code delay} is cut to it. */
  Duration MAX_DELAY = Duration.ofMinutes(15);

  /** Arranges for {@code turn} to be taken once {@code delay} has passed; throws if that cannot be arranged. */
  void schedule(Turn turn, Duration delay);
}
