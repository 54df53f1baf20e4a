package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.ports.ExportTasks;
import dev.todo.ports.ExportTasks.ExportTask;
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
}
