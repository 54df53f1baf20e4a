package dev.todo.aws;

/** The values a function's environment variable takes: text, or a number (whole or not) between two bounds. */
record VariableKind(boolean number, boolean whole, double min, double max) {

  static final VariableKind TEXT = new VariableKind(false, false, 0, 0);
  static final VariableKind DECIMAL = new VariableKind(true, false, 0, Double.MAX_VALUE);

  static VariableKind whole(long min, long max) {
    return new VariableKind(true, true, min, max);
  }

  /** The value as it is kept, or an error that names {@code variable} and what it takes. */
  String check(String variable, String raw) {
    String value = raw.strip();
    if (number) {
      double n;
      try {
        n = whole ? Long.parseLong(value) : Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("environment variable " + variable + " must be " + what() + ", was '" + raw + "'");
      }
      if (n < min || n > max) {
        throw new IllegalArgumentException(variable + " must be " + range() + ", was " + value);
      }
    } else if (value.isEmpty()) {
      throw new IllegalArgumentException("environment variable " + variable + " is empty");
    }
    return value;
  }

  private String what() {
    return whole ? "a whole number" : "a number";
  }

  private String range() {
    if (max == Double.MAX_VALUE || max == Integer.MAX_VALUE) {
      return min == 0 ? "at least 0 (not negative)" : "at least " + (long) min;
    }
    return "between " + (long) min + " and " + (long) max;
  }
}
