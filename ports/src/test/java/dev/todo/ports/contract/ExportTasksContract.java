package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.ports.ExportTasks;
import dev.todo.ports.ExportTasks.ExportTask;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link ExportTasks} must do: a task sent comes back whole, the assembly's too. */
public abstract class ExportTasksContract {

  protected abstract ExportTasks tasks();

  /** The next task sent, taken off wherever the adapter keeps them. */
  protected abstract Optional<ExportTask> takeSent() throws Exception;

  @Test
  void aTaskSentComesBackWhole() throws Exception {
    tasks().send(new ExportTask("20261207T053000Z-1a2b3c4d", 63));
    assertThat(takeSent()).contains(new ExportTask("20261207T053000Z-1a2b3c4d", 63));
    tasks().send(new ExportTask("20261207T053000Z-1a2b3c4d", ExportTask.ASSEMBLE));
    assertThat(takeSent()).hasValueSatisfying(t -> assertThat(t.assembles()).isTrue());
  }

  /** What an assembly that finds another run holding it does: it looks again later, not at once. */
  @Test
  void aDelayedTaskComesOnlyOnceItsDelayHasPassed() throws Exception {
    tasks().send(new ExportTask("20261207T053000Z-5e6f7a8b", ExportTask.ASSEMBLE), Duration.ofSeconds(3));
    assertThat(takeSent()).isEmpty();
    afterSeconds(3);
    assertThat(takeSent()).contains(new ExportTask("20261207T053000Z-5e6f7a8b", ExportTask.ASSEMBLE));
  }

  /** Lets {@code seconds} pass for the adapter's delays (a real wait, or a test clock moved on). */
  protected abstract void afterSeconds(int seconds) throws Exception;
}
