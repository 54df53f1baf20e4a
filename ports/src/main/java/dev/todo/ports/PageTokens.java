package dev.todo.ports;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Continuation tokens for listings: an opaque, URL-safe form of where the last page ended (the last id it held, or
 * for imports its start time and id).
 */
public final class PageTokens {

  private static final String PREFIX = "after:";

  private PageTokens() {
  }

  public static String after(String lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The last id of the page a token follows.
   *
   * @throws InvalidPageTokenException if the token was not made by {@link #after}
   */
  public static String lastId(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX) && text.length() > PREFIX.length()) {
        return text.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw new InvalidPageTokenException("'" + token + "' is not a token this service handed out");
  }
}
