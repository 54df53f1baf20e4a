package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local cloud's log as {@code up} shows it: every line (the functions' JSON log lines, as CloudWatch would
 * keep them, and the cloud's own notices) goes to a file; the terminal gets one short line per notable event (an
 * import queued, paused or failed, an import's end, a warning or an error, a failed invocation; not a debug line, such
 * as a duplicate notification of a finished import, one per file at a restart's scan), or, with
 * {@code --verbose}, every line as it is.
 */
final class TerminalLog implements Consumer<String>, AutoCloseable {

  /** Where the adapters' {@code java.util.logging} lines go: the log file only, for the functions' lines tell what came of them. */
  static final String JAVA_LOGGING = "java.util.logging";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Terminal terminal;
  private final Path file;
  private final boolean verbose;
  private final BufferedWriter writer;

  TerminalLog(Terminal terminal, Path file, boolean verbose) {
    this.terminal = terminal;
    this.file = file;
    this.verbose = verbose;
    try {
      Files.createDirectories(file.getParent());
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("the log file " + file + " cannot be written: " + e.getMessage(), e);
    }
  }

  /** Where every line goes. */
  Path file() {
    return file;
  }

  @Override
  public void accept(String line) {
    synchronized (writer) {
      try {
        writer.write(line);
        writer.newLine();
        writer.flush();
      } catch (IOException e) {
        terminal.line(Terminal.shorten("the log file " + file + " cannot be written: " + e.getMessage()));
      }
    }
    if (verbose) {
      terminal.line(line);
    } else {
      notable(line).ifPresent(terminal::line);
    }
  }

  /** The short line a person sees for a log line, if it is worth one. */
  static Optional<String> notable(String line) {
    int brace = line.indexOf("] {");
    if (!line.startsWith("[") || brace < 0) {
      return Optional.of(Terminal.shorten(line)); // the cloud's own notices are few, and each matters
    }
    String function = line.substring(1, brace);
    if (function.equals(JAVA_LOGGING)) {
      return Optional.empty();
    }
    JsonNode entry;
    try {
      entry = JSON.readTree(line.substring(brace + 2));
    } catch (IOException notJson) {
      return Optional.of(Terminal.shorten(line));
    }
    String level = entry.path("level").asText("INFO");
    String message = entry.path("message").asText("");
    boolean importLine = message.startsWith("import ");
    if (level.equals("DEBUG") || (level.equals("INFO") && !importLine)) {
      return Optional.empty();
    }
    StringBuilder shown = new StringBuilder("[").append(function).append("] ");
    if (!level.equals("INFO")) {
      shown.append(level).append(' ');
    }
    shown.append(message);
    for (String field : new String[] {"key", "importId", "status", "error"}) {
      if (entry.hasNonNull(field) && !message.contains(entry.get(field).asText())) {
        shown.append("  ").append(field).append('=').append(entry.get(field).asText());
      }
    }
    return Optional.of(Terminal.shorten(shown.toString()));
  }

  @Override
  public void close() {
    synchronized (writer) {
      try {
        writer.close();
      } catch (IOException e) {
        System.err.println("closing " + file + " failed: " + e);
      }
    }
  }
}
