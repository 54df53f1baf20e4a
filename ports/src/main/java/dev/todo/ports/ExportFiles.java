package dev.todo.ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where exports keep their work and write their files: small objects written whole (an export's request, each
 * segment's state, the parts a segment read), the export's one file streamed in, and a link to download it.
 */
public interface ExportFiles {

  /** Writes (or replaces) the object at {@code key}. */
  void put(String key, byte[] content) throws IOException;

  /**
   * Writes the object at {@code key} only where there is none, in one atomic call (S3's conditional write,
   * {@code If-None-Match: *}); answers whether this call made it. Of two at once, exactly one makes it.
   */
  boolean putIfAbsent(String key, byte[] content) throws IOException;

  /** The object at {@code key}, if there is one. */
  Optional<byte[]> get(String key) throws IOException;

  /**
   * Streams the object at {@code key}, never holding it whole in memory.
   *
   * @throws ObjectNotFoundException if there is none
   */
  InputStream open(String key) throws IOException;

  /** The names directly under {@code prefix} (which ends with a slash), each up to the next slash (left out), ascending. */
  List<String> children(String prefix) throws IOException;

  /**
   * A stream whose bytes become the object at {@code key} when it is closed, in bounded memory whatever its size; an
   * object is not there until then (an abandoned stream leaves nothing behind but what {@link Upload#abort} drops).
   */
  Upload create(String key, String contentType) throws IOException;

  /** Deletes the objects, those already gone included. */
  void delete(List<String> keys) throws IOException;

  /** A link that downloads the object at {@code key} without credentials until it expires. */
  URI downloadLink(String key, Duration validFor);

  /** An object being written: {@link #close} makes it, {@link #abort} gives it up. */
  abstract class Upload extends OutputStream {
    /** Drops what was written so far; the object is not made. */
    public abstract void abort() throws IOException;
  }
}
