package dev.todo.local.triggers;

import dev.todo.local.lambda.AwsEvents;
import dev.todo.services.S3Writes;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 event notifications for a server that sends none: for every object created under {@code import/} it emits the
 * JSON of the {@code ObjectCreated} event S3 would send (URL-encoded key, size, ETag, increasing sequencer). On the
 * S3 server this JVM runs it reacts to each completed write ({@link S3Writes}), as S3 does: every overwrite of a key
 * is notified, the store's temporary files never are, and nothing scales with the objects in the bucket. On any other
 * server (LocalStack, say) it falls back to listing the prefix, which sees only the newest ETag of a key per scan.
 */
public final class S3Notifier implements AutoCloseable {

  static final String PREFIX = "import/";

  private final S3Client s3;
  private final String bucket;
  private final Optional<S3Writes> writes;
  private final Consumer<String> target;
  private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
  private final Map<String, String> seen = new HashMap<>();
  private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 12);
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "s3-notifier");
    t.setDaemon(true);
    return t;
  });
  private final Consumer<String> log;
  private AutoCloseable subscription = () -> { };

  public S3Notifier(S3Client s3, URI endpoint, String bucket, Consumer<String> target, Consumer<String> log) {
    this.s3 = s3;
    this.writes = S3Writes.at(endpoint);
    this.bucket = bucket;
    this.target = target;
    this.log = log;
  }

  /**
   * Starts notifying: at once on each write to our own server, else by listing every {@code intervalMillis}. Either
   * way it first lists the prefix once (before it returns), so that an upload whose notification a killed runner never delivered is
   * imported after a restart on the same data dir (an import already done ignores it).
   */
  public void start(long intervalMillis) {
    if (writes.isPresent()) {
      subscription = writes.get().subscribe(bucket, written -> {
        if (isFile(written.key(), written.eTag())) {
          queued.incrementAndGet(); // counted from the write on, so pending() never misses it
          poller.execute(() -> {
            try {
              emit(written.key(), written.size(), written.eTag(), written.operation());
            } finally {
              queued.decrementAndGet();
            }
          });
        }
      });
      try {
        poller.submit(this::scan).get();
      } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("the first listing of " + bucket + " failed: " + e, e);
      }
    } else {
      poller.scheduleWithFixedDelay(this::scan, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Notifications of writes that are not yet handed to the target. */
  public int pending() {
    return queued.get();
  }

  /** Whether notifications follow the writes themselves (the local S3) rather than a listing. */
  public boolean followsWrites() {
    return writes.isPresent();
  }

  /** Emits the event for one object now (also used to deliver a notification again, as S3 sometimes does). */
  public void notifyCreated(S3Object object) {
    emit(object.key(), object.size(), object.eTag(), "Put");
  }

  private void emit(String key, long size, String eTag, String operation) {
    target.accept(AwsEvents.objectCreated(bucket, key, size, eTag, operation,
        Long.toHexString(sequencer.incrementAndGet()).toUpperCase()));
  }

  synchronized void scan() {
    try {
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents()) {
        if (isFile(object.key(), object.eTag()) && !object.eTag().equals(seen.put(object.key(), object.eTag()))) {
          notifyCreated(object);
        }
      }
    } catch (RuntimeException e) {
      log.accept("[s3-notifier] listing " + bucket + " failed, will retry: " + e.getMessage());
    }
  }

  /**
   * An upload under {@code import/}: not a folder marker (a key ending in '/'; a filesystem store may list one without
   * an ETag).
   */
  static boolean isFile(String key, String eTag) {
    return key.startsWith(PREFIX) && !key.endsWith("/") && eTag != null;
  }

  /** The {@code ObjectCreated:Put} event S3 sends for {@code object}, as JSON. */
  public static String createdEvent(String bucket, S3Object object, String sequencer) {
    return AwsEvents.objectCreated(bucket, object.key(), object.size(), object.eTag(), "Put", sequencer);
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    poller.shutdownNow();
  }
}
