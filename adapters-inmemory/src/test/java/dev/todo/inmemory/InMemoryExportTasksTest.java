package dev.todo.inmemory;

import dev.todo.ports.ExportTasks;
import dev.todo.ports.ExportTasks.ExportTask;
import dev.todo.ports.contract.ExportTasksContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

class InMemoryExportTasksTest extends ExportTasksContract {

  private Instant now = Instant.parse("2026-12-07T05:30:00Z");
  private final InMemoryExportTasks tasks = new InMemoryExportTasks(new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  });

  @Override
  protected ExportTasks tasks() {
    return tasks;
  }

  @Override
  protected Optional<ExportTask> takeSent() {
    return tasks.take();
  }

  @Override
  protected void afterSeconds(int seconds) {
    now = now.plusSeconds(seconds);
  }
}
