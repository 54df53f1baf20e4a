package dev.todo.ports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** An opened object: its content stream (from the requested offset) and what identifies the stored version. */
public record StoredObject(InputStream content, long size, String eTag, Optional<String> versionId) implements Closeable {

  @Override
  public void close() throws IOException {
    content.close();
  }
}
