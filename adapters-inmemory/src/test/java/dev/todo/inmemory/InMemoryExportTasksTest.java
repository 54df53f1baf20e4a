package dev.todo.inmemory;

import dev.todo.ports.ExportTasks;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.ports.contract.ExportTasksContract;
import java.util.Optional;

class InMemoryExportTasksTest extends ExportTasksContract {

  private final InMemoryExportTasks tasks = new InMemoryExportTasks();

  @Override
  protected ExportTasks tasks() {
    return tasks;
  }

  @Override
  protected Optional<ExportTask> takeSent() {
    return tasks.take();
  }
}
