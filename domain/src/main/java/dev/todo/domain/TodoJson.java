package dev.todo.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A todo as one line of JSON with every field it has (its version and its import's mark too): how an export's segments
 * hold the todos they read until the export's one file is assembled from them.
 */
public final class TodoJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TodoJson() {
  }

  public static String line(Todo todo) {
    try {
      return JSON.writeValueAsString(todo);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a todo always serializes", e);
    }
  }

  /** The todo a {@link #line} holds; a line that is not one is an {@link IllegalArgumentException}. */
  public static Todo parse(String line) {
    try {
      return JSON.readValue(line, Todo.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a todo line: " + e.getOriginalMessage(), e);
    }
  }
}
