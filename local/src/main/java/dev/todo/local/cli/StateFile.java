package dev.todo.local.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Where a running local cloud leaves its endpoints and names, so the CLI's other commands can find it. */
final class StateFile {

  private StateFile() {
  }

  /**
   * The state of the cloud that keeps its data in {@code dataDir}, or else of the one whose REST API listens on
   * {@code apiPort}: two clouds never share a state file, so stopping one never touches another's.
   */
  static Path location(Optional<Path> dataDir, int apiPort) {
    return dataDir.map(d -> d.resolve("local-cloud.properties")).orElseGet(() -> Path.of(
        System.getProperty("java.io.tmpdir"), "todo-local", "local-cloud-" + apiPort + ".properties"));
  }

  /**
   * Where a cloud leaves its state: under its REST API port always, and in its data directory if it has one, so
   * that {@code --api-port} and {@code --data-dir} find the same cloud whichever a command is given.
   */
  static java.util.List<Path> locations(Optional<Path> dataDir, int apiPort) {
    return dataDir.isEmpty() ? java.util.List.of(location(dataDir, apiPort))
        : java.util.List.of(location(dataDir, apiPort), location(Optional.empty(), apiPort));
  }

  static void write(Path file, Map<String, String> values) {
    Properties p = new Properties();
    p.putAll(values);
    try {
      Files.createDirectories(file.getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(w, "the running local cloud (deleted when it stops)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no local cloud is running (no " + file + "): start one with "
          + "'java -jar local/target/todo-local.jar up'");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> values = new java.util.HashMap<>();
    p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
    return values;
  }
}
