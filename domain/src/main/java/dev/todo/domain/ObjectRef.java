package dev.todo.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One uploaded object as a notification names it: bucket, key, and the version id or ETag that pins its
 * content, so a later overwrite is never read under the earlier import's identity.
 */
public record ObjectRef(String bucket, String key, Optional<String> versionId, Optional<String> eTag) {

  public static final String IMPORT_PREFIX = "import/";
  public static final String ERROR_PREFIX = "import-errors/";

  public ObjectRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    versionId = versionId.filter(v -> !v.isBlank() && !v.equals("null"));
    eTag = eTag.map(ObjectRef::unquote).filter(e -> !e.isBlank());
  }

  public static ObjectRef of(String bucket, String key, String eTag) {
    return new ObjectRef(bucket, key, Optional.empty(), Optional.of(eTag));
  }

  /** What pins the content: the version id where the bucket is versioned, else the ETag. */
  public String contentIdentity() {
    return versionId.map(v -> "v:" + v).or(() -> eTag.map(e -> "e:" + e)).orElse("-");
  }

  /** Whether a notification for this key should start an import (not a folder marker, under the import prefix). */
  public boolean isImportable() {
    return key.startsWith(IMPORT_PREFIX) && !key.endsWith("/");
  }

  /** Where this import's error report goes: {@code import/a/b.csv} -> {@code import-errors/a/b.csv.errors.csv}. */
  public String errorReportKey() {
    String rest = key.startsWith(IMPORT_PREFIX) ? key.substring(IMPORT_PREFIX.length()) : key;
    return ERROR_PREFIX + rest + ".errors.csv";
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key + "@" + contentIdentity();
  }

  private static String unquote(String eTag) {
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1) : eTag;
  }
}
