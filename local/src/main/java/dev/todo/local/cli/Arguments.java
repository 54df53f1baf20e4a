package dev.todo.local.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of the command line's arguments that picocli's types do not make. */
final class Arguments {

  private Arguments() {
  }

  /** The file, if it is one; otherwise a user's mistake (exit code 2). */
  static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    return file;
  }
}
