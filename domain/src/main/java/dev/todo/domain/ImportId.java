package dev.todo.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of one import, derived from the object's bucket, key and version or ETag, so the same upload
 * always gets the same import id and its rows the same todo ids.
 */
public record ImportId(String value) {

  public ImportId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("import id must not be blank");
    }
  }

  public static ImportId of(ObjectRef ref) {
    return new ImportId(nameUuid("import|" + ref.bucket() + "|" + ref.key() + "|" + ref.contentIdentity()));
  }

  /** The id of the todo that the row on {@code line} creates when the row names none. */
  public String todoIdForLine(long line) {
    return nameUuid("row|" + value + "|" + line);
  }

  private static String nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public String toString() {
    return value;
  }
}
