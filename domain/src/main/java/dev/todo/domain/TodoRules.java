package dev.todo.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The rules a todo's fields obey, shared by the CSV import and the REST API. */
public final class TodoRules {

  public static final int MAX_NAME_LENGTH = 1024;
  public static final int MAX_ID_LENGTH = 255;
  /** Extra attributes a todo may carry besides its own fields. */
  public static final int MAX_EXTRA_ATTRIBUTES = 100;
  public static final int MAX_ATTRIBUTE_NAME_LENGTH = 255;
  /** A todo's names and values in UTF-8, well under DynamoDB's 400 KB item limit. */
  public static final int MAX_TODO_BYTES = 300 * 1024;

  private TodoRules() {
  }

  /** Why {@code name} is not acceptable, or empty when it is. */
  public static Optional<String> nameProblem(String name) {
    if (name.isBlank()) {
      return Optional.of("name is required and must not be blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of("name is " + name.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
    }
    return Optional.empty();
  }

  /** Why {@code todoId} is not acceptable, or empty when it is. */
  public static Optional<String> idProblem(String todoId) {
    if (todoId.length() > MAX_ID_LENGTH) {
      return Optional.of("todoId is " + todoId.length() + " characters long; the limit is " + MAX_ID_LENGTH);
    }
    return Optional.empty();
  }

  /** Why {@code todo} as a whole is not acceptable (its extra attributes, its size, its text), or empty when it is. */
  public static Optional<String> todoProblem(Todo todo) {
    if (todo.attributes().size() > MAX_EXTRA_ATTRIBUTES) {
      return Optional.of("a todo has at most " + MAX_EXTRA_ATTRIBUTES + " extra attributes, this one " + todo.attributes().size());
    }
    long bytes = utf8Length(todo.todoId()) + utf8Length(todo.name());
    for (Map.Entry<String, String> a : todo.attributes().entrySet()) {
      String name = a.getKey();
      if (name.isEmpty()) {
        return Optional.of("an attribute needs a name");
      }
      if (name.length() > MAX_ATTRIBUTE_NAME_LENGTH) {
        return Optional.of("an attribute name is " + name.length() + " characters long; the limit is " + MAX_ATTRIBUTE_NAME_LENGTH);
      }
      if (!isValidUnicode(name) || !isValidUnicode(a.getValue())) {
        return Optional.of("attribute '" + ShortText.of(name) + "' is not valid Unicode (a lone surrogate)");
      }
      bytes += utf8Length(name) + utf8Length(a.getValue());
    }
    if (!isValidUnicode(todo.name()) || !isValidUnicode(todo.todoId())) {
      return Optional.of("name and todoId must be valid Unicode (no lone surrogates)");
    }
    if (bytes > MAX_TODO_BYTES) {
      return Optional.of("the todo is " + bytes + " bytes long; the limit is " + MAX_TODO_BYTES);
    }
    return Optional.empty();
  }

  /** Whether every surrogate in {@code text} is half of a pair (UTF-8 cannot encode a lone one). */
  public static boolean isValidUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  /** Reads true/false, yes/no or 1/0 in any case. */
  public static Optional<Boolean> parseCompleted(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> Optional.of(true);
      case "false", "no", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** Reads an ISO-8601 instant or epoch milliseconds into epoch milliseconds. */
  public static Optional<Long> parseTimestamp(String value) {
    String v = value.strip();
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Instant.parse(v).toEpochMilli());
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
