package dev.todo.local.cli;

import java.time.Duration;
import picocli.CommandLine;

/** A duration as a person writes it: 90s, 10m, 2h (or ISO-8601, PT10M). */
final class WaitConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smh])").matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 10m or 2h");
    }
  }
}
