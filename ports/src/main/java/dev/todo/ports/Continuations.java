package dev.todo.ports;

import dev.todo.domain.Checkpoint;

/** Hands a paused import to a later run (a fresh invocation) that resumes it from its checkpoint. */
public interface Continuations {

  /** Arranges for the import to be resumed from {@code checkpoint}; throws if that cannot be arranged. */
  void schedule(Checkpoint checkpoint);
}
