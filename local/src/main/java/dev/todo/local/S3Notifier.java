package dev.todo.local;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 event notifications for a server that sends none: watches the bucket's {@code import/} prefix and, for
 * every object created (a new key, or a key with a new ETag), emits the JSON of the {@code ObjectCreated:Put}
 * event S3 would send (URL-encoded key, size, ETag, increasing sequencer).
 */
public final class S3Notifier implements AutoCloseable {

  private final S3Client s3;
  private final String bucket;
  private final Consumer<String> target;
  private final Map<String, String> seen = new HashMap<>();
  private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 12);
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "s3-notifier");
    t.setDaemon(true);
    return t;
  });
  private final Consumer<String> log;

  public S3Notifier(S3Client s3, String bucket, Consumer<String> target, Consumer<String> log) {
    this.s3 = s3;
    this.bucket = bucket;
    this.target = target;
    this.log = log;
  }

  public void start(long intervalMillis) {
    poller.scheduleWithFixedDelay(this::scan, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Emits the event for one object now (also used to deliver a notification again, as S3 sometimes does). */
  void notifyCreated(S3Object object) {
    target.accept(event(object));
  }

  synchronized void scan() {
    try {
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("import/")).contents()) {
        if (isFile(object) && !object.eTag().equals(seen.put(object.key(), object.eTag()))) {
          notifyCreated(object);
        }
      }
    } catch (RuntimeException e) {
      log.accept("[s3-notifier] listing " + bucket + " failed, will retry: " + e.getMessage());
    }
  }

  /** Folder markers (keys ending in '/'; a filesystem store may list them without an ETag) are not uploads. */
  static boolean isFile(S3Object object) {
    return !object.key().endsWith("/") && object.eTag() != null;
  }

  private String event(S3Object object) {
    return createdEvent(bucket, object, Long.toHexString(sequencer.incrementAndGet()).toUpperCase());
  }

  /** The {@code ObjectCreated:Put} event S3 sends for {@code object}, as JSON. */
  public static String createdEvent(String bucket, S3Object object, String sequencer) {
    return AwsEvents.objectCreated(bucket, object.key(), object.size(), object.eTag(), sequencer);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
