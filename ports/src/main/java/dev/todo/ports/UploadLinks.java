package dev.todo.ports;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hands out a way to upload a file under {@code import/} without cloud credentials, of a bounded size. */
public interface UploadLinks {

  /**
   * A link that uploads {@code fileName} to a key of its own under {@code import/}, the object to carry
   * {@code metadata} (the file's format options: S3 user metadata the link pins, so the upload cannot change them).
   */
  UploadLink create(String fileName, Map<String, String> metadata);

  /**
   * Where to send the file and how: an HTML-form POST of {@code fields} followed by the file (field {@code file}),
   * until {@code expiresAt}, at most {@code maxBytes}; the object gets {@code key}.
   */
  record UploadLink(String method, URI url, Map<String, String> fields, String bucket, String key, Instant expiresAt,
                    long maxBytes) {

    public UploadLink {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // the order S3 wants
    }
  }
}
