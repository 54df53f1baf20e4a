package dev.todo.services;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The completed writes of an S3 server in this JVM, as they happen: what S3 turns into {@code ObjectCreated}
 * notifications. A put, a browser POST, a copy and a completed multipart upload are each announced once, after the
 * object is in place, with the ETag the writer got back; a server's temporary files never are.
 */
public final class S3Writes {

  /** An object whose write completed; {@code operation} is S3's event name suffix ({@code Put}, {@code Copy}, ...). */
  public record Written(String bucket, String key, long size, String eTag, String operation) {
  }

  private static final Map<Integer, S3Writes> BY_PORT = new ConcurrentHashMap<>();

  private final List<Map.Entry<String, Consumer<Written>>> listeners = new CopyOnWriteArrayList<>();

  S3Writes() {
  }

  /** The writes of the S3 server this JVM runs at {@code endpoint}, if it runs one there. */
  public static Optional<S3Writes> at(URI endpoint) {
    return Optional.ofNullable(BY_PORT.get(endpoint.getPort()));
  }

  static S3Writes register(int port) {
    S3Writes writes = new S3Writes();
    BY_PORT.put(port, writes);
    return writes;
  }

  static void unregister(int port, S3Writes writes) {
    BY_PORT.remove(port, writes);
  }

  /** Calls {@code listener} with every completed write to {@code bucket} until the returned handle is closed. */
  public AutoCloseable subscribe(String bucket, Consumer<Written> listener) {
    Map.Entry<String, Consumer<Written>> entry = Map.entry(bucket, listener);
    listeners.add(entry);
    return () -> listeners.remove(entry);
  }

  void announce(Written written) {
    for (Map.Entry<String, Consumer<Written>> l : listeners) {
      if (l.getKey().equals(written.bucket())) {
        l.getValue().accept(written);
      }
    }
  }
}
