package dev.todo.inmemory;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.contract.ExportFilesContract;

class InMemoryExportFilesTest extends ExportFilesContract {

  private final InMemoryExportFiles files = new InMemoryExportFiles();

  @Override
  protected ExportFiles files() {
    return files;
  }
}
