package dev.todo.aws.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** What a handler prints to stdout, its log as Lambda would ship it. */
final class Stdout {

  private Stdout() {
  }

  /** Runs {@code call} with stdout captured; adds the lines it printed to {@code lines}. */
  static synchronized <T> T lines(List<String> lines, Supplier<T> call) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return call.get();
    } finally {
      System.setOut(original);
      captured.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
    }
  }

  static JsonNode json(String line) {
    try {
      return ApiJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not a JSON line: " + line, e);
    }
  }
}
