package dev.todo.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The rules a todo's fields obey, shared by the CSV import and the REST API. */
public final class TodoRules {

  public static final int MAX_NAME_LENGTH = 1024;
  public static final int MAX_ID_LENGTH = 255;

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
