package dev.todo.domain;

/**
 * Text fit for an import's status, a log line or an error message, whatever a file held: runs of control characters
 * are named instead of echoed, and it stops after {@link #MAX_CHARS} characters, saying how many it left out.
 */
public final class ShortText {

  public static final int MAX_CHARS = 500;

  private ShortText() {
  }

  public static String of(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length() && out.length() < MAX_CHARS) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        int end = i;
        while (end < text.length() && Character.isISOControl(text.charAt(end))) {
          end++;
        }
        out.append(end - i == 1 ? String.format("<U+%04X>", (int) c) : "<" + (end - i) + " control characters>");
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
      i--;
    }
    if (i < text.length()) {
      out.append("... (").append(text.length() - i).append(" more characters)");
    }
    return out.toString();
  }
}
