package dev.todo.ports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * An opened object: its content stream (from the requested offset), what identifies the stored version, and the
 * user metadata it was uploaded with (S3's {@code x-amz-meta-*}, by name without that prefix).
 */
public record StoredObject(InputStream content, long size, String eTag, Optional<String> versionId,
                           Map<String, String> metadata) implements Closeable {

  public StoredObject {
    metadata = Map.copyOf(metadata);
  }

  @Override
  public void close() throws IOException {
    content.close();
  }
}
