package dev.todo.aws.handler;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A todo's version as an HTTP entity tag ({@code "3"}), and an {@code If-Match} header as the versions it accepts.
 * {@code If-Match} compares strongly (RFC 9110, 13.1.1): a weak tag or one we never issued matches no version.
 */
final class EntityTags {

  /** No version has it: what an {@code If-Match} of only tags that cannot match asks for. */
  private static final long NO_VERSION = -1;

  private EntityTags() {
  }

  static String of(long version) {
    return "\"" + version + "\"";
  }

  /** The versions {@code ifMatch} accepts; empty when any will do (no header, or {@code *}). */
  static Set<Long> versions(Optional<String> ifMatch) {
    if (ifMatch.isEmpty() || ifMatch.get().strip().equals("*")) {
      return Set.of();
    }
    Set<Long> versions = new HashSet<>();
    for (String tag : ifMatch.get().split(",")) {
      String t = tag.strip();
      if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
        try {
          versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
        } catch (NumberFormatException notOurs) {
          // a tag this API never issued matches nothing
        }
      }
    }
    return versions.isEmpty() ? Set.of(NO_VERSION) : versions;
  }
}
