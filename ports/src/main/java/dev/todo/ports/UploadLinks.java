package dev.todo.ports;

import java.net.URI;
import java.time.Instant;

/** Hands out a way to upload a file under {@code import/} without cloud credentials. */
public interface UploadLinks {

  /** A link that uploads {@code fileName} to a key of its own under {@code import/}. */
  UploadLink create(String fileName);

  /** Where to send the file, with which method, until when, and the key it will have. */
  record UploadLink(String method, URI url, String bucket, String key, Instant expiresAt) {
  }
}
