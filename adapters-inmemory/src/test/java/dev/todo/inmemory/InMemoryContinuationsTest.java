package dev.todo.inmemory;

import dev.todo.ports.Continuations;
import dev.todo.ports.Continuations.Turn;
import dev.todo.ports.contract.ContinuationsContract;
import java.util.Optional;

class InMemoryContinuationsTest extends ContinuationsContract {

  private final InMemoryContinuations continuations = new InMemoryContinuations();

  @Override
  protected Continuations continuations() {
    return continuations;
  }

  @Override
  protected Optional<Turn> takeScheduled() {
    return continuations.take().map(InMemoryContinuations.Scheduled::turn);
  }
}
