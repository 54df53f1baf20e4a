package dev.todo.local.triggers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.local.dynamodb.StreamLog;
import dev.todo.local.dynamodb.StreamRecord;
import dev.todo.local.lambda.AwsEvents;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One table's stream and the event source mapping that drains it into a function, as Lambda drains a DynamoDB
 * stream shard: in order, in batches of up to {@code batchSize} gathered for at most the batching window, one
 * batch at a time, each batch taken moving the checkpoint in the shard's {@link StreamLog} (a restart resumes after
 * it). A batch answered with a partial failure is delivered again from the sequence number the function named; a
 * batch that fails is split in two (bisect on error) until its first record fails alone, which is then retried
 * {@code retryAttempts} times and, if it still fails, described to the on-failure destination and passed over, so
 * one record the function cannot take never holds back the records behind it.
 */
public final class StreamShard implements AutoCloseable {

  /** How the mapping delivers: batch size and window, retries of a failing record, where an exhausted one goes. */
  public record Mapping(int batchSize, Duration batchingWindow, int retryAttempts, Consumer<String> onFailure) {
  }

  /** A function that failed on one record this many times in a row is shown as stuck on it. */
  static final int STUCK_AFTER = 3;

  /** A function failing on the record at the head of its stream: the record's keys, how often, and the latest reason. */
  public record Stuck(String function, String keys, int failures, String reason) {
  }

  private static final long MAX_PAUSE_MILLIS = 500;

  private final String streamArn;
  private final String region;
  private final Mapping mapping;
  private final String name;
  private final Supplier<LambdaFunction<?, ?>> functions;
  private final StreamLog log;
  private final InvocationLog invocations;
  private final Consumer<String> say;
  private final BlockingQueue<StreamRecord> records = new LinkedBlockingQueue<>();
  private final List<StreamRecord> inFlight = new ArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;
  private long deadLettered;
  private volatile Optional<Stuck> stuck = Optional.empty();
  private volatile String lastError = "";
  private volatile String warning;

  /** {@code function} makes the function on the shard's own thread, at its start: its SDK clients load off the caller's. */
  public StreamShard(String streamArn, String region, Mapping mapping, String name, Supplier<LambdaFunction<?, ?>> function,
      StreamLog log, InvocationLog invocations, Consumer<String> say) {
    this.streamArn = streamArn;
    this.region = region;
    this.mapping = mapping;
    this.name = name;
    this.functions = function;
    this.log = log;
    this.invocations = invocations;
    this.say = say;
    log.subscribe(records::addAll, records::add);
    this.poller = new Thread(this::pollForever, name + "-stream");
    poller.setDaemon(true);
  }

  public void start() {
    poller.start();
  }

  /** The shard's log: where its records are kept, and where the table's writes append them. */
  public StreamLog log() {
    return log;
  }

  /** Records not yet delivered to the function with success (nor passed over to the on-failure destination). */
  public synchronized int pending() {
    return records.size() + inFlight.size();
  }

  /** The function's failures on the record at the head of the stream, once there were {@link #STUCK_AFTER} in a row. */
  public Optional<Stuck> stuck() {
    return stuck;
  }

  /** The function logged a warning or an error (its reason, if it named one) during the current invocation. */
  public void warned(String reason) {
    warning = reason;
  }

  /** Records passed over after their retries, each described to the on-failure destination. */
  public synchronized long deadLettered() {
    return deadLettered;
  }

  private void pollForever() {
    LambdaFunction<?, ?> function = functions.get();
    int size = mapping.batchSize();
    int failures = 0;
    while (running) {
      try {
        List<StreamRecord> batch = gather(size);
        if (batch.isEmpty()) {
          continue;
        }
        Optional<String> resumeFrom = invoke(function, batch);
        if (resumeFrom.isEmpty()) {
          taken(batch.size(), batch);
          size = mapping.batchSize();
          failures = 0;
          stuck = Optional.empty();
          continue;
        }
        int done = (int) batch.stream().takeWhile(r -> r.sequenceNumber().compareTo(resumeFrom.get()) < 0).count();
        if (done > 0) { // the function took the records before the one it named: they are not delivered again
          taken(done, batch);
          failures = 1; // a partial failure counts as the first try of the rest
        } else if (batch.size() > 1) {
          size = Math.max(1, batch.size() / 2); // bisect: the half that fails is split again, not counted as a retry
          continue;
        } else if (++failures > mapping.retryAttempts()) {
          passOver(batch, failures);
          failures = 0;
          size = mapping.batchSize();
          stuck = Optional.empty();
          continue;
        }
        if (failures >= STUCK_AFTER && done == 0) {
          stuck = Optional.of(new Stuck(name, batch.get(0).dynamodb().path("Keys").toString(), failures, lastError));
        }
        Thread.sleep(Math.min(MAX_PAUSE_MILLIS, 50L << Math.min(failures, 5)));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The first {@code count} records of the batch were taken: off the in-flight list, and the checkpoint past them. */
  private void taken(int count, List<StreamRecord> batch) {
    synchronized (this) {
      inFlight.subList(0, count).clear();
    }
    log.checkpoint(batch.get(count - 1).sequenceNumber());
  }

  /** Sends the batch's description to the on-failure destination, as Lambda does, and goes on past it. */
  private void passOver(List<StreamRecord> batch, int attempts) {
    StreamRecord first = batch.get(0);
    StreamRecord last = batch.get(batch.size() - 1);
    ObjectNode failure = AwsEvents.JSON.createObjectNode().put("version", "1.0").put("timestamp", Instant.now().toString());
    failure.putObject("requestContext").put("requestId", java.util.UUID.randomUUID().toString())
        .put("functionArn", "arn:aws:lambda:" + region + ":" + dev.todo.aws.Provisioning.LOCAL_ACCOUNT + ":function:" + name)
        .put("condition", "RetryAttemptsExhausted").put("approximateInvokeCount", attempts);
    failure.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST").put("functionError", "Unhandled");
    failure.putObject("DDBStreamBatchInfo").put("shardId", "shardId-local").put("startSequenceNumber", first.sequenceNumber())
        .put("endSequenceNumber", last.sequenceNumber())
        .put("approximateArrivalOfFirstRecord", arrival(first)).put("approximateArrivalOfLastRecord", arrival(last))
        .put("batchSize", batch.size()).put("streamArn", streamArn);
    mapping.onFailure().accept(failure.toString());
    synchronized (this) {
      deadLettered += batch.size();
    }
    say.accept("[" + name + "] " + batch.size() + " stream record(s) from " + first.sequenceNumber() + " failed " + attempts
        + " times: described to the on-failure destination and passed over");
    taken(batch.size(), batch);
  }

  private static String arrival(StreamRecord r) {
    return Instant.ofEpochSecond(r.dynamodb().path("ApproximateCreationDateTime").asLong()).toString();
  }

  /** The batch to deliver: what failed last time first (at most {@code size} of it), then new records. */
  private List<StreamRecord> gather(int size) throws InterruptedException {
    synchronized (this) {
      if (!inFlight.isEmpty()) {
        return List.copyOf(inFlight.subList(0, Math.min(size, inFlight.size())));
      }
    }
    StreamRecord first;
    synchronized (this) { // taken off the queue and counted in flight at once, so pending() never misses it
      first = records.poll();
      if (first != null) {
        inFlight.add(first);
      }
    }
    if (first == null) {
      Thread.sleep(50);
      return List.of();
    }
    List<StreamRecord> batch = new ArrayList<>(List.of(first));
    long windowEnds = System.nanoTime() + mapping.batchingWindow().toNanos();
    while (batch.size() < size) {
      long left = windowEnds - System.nanoTime();
      if (left <= 0) {
        break;
      }
      Thread.sleep(Math.min(50, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      synchronized (this) {
        int had = batch.size();
        records.drainTo(batch, size - batch.size());
        inFlight.addAll(batch.subList(had, batch.size()));
      }
    }
    return batch;
  }

  /** Empty if the function took the whole batch; else the sequence number to deliver again from. */
  private Optional<String> invoke(LambdaFunction<?, ?> function, List<StreamRecord> batch) {
    long start = System.nanoTime();
    warning = null;
    try {
      List<String> failed = AwsEvents.batchItemFailures(function.invoke(AwsEvents.dynamodbStream(streamArn, region, batch)));
      invocations.ended(function.name(), start, Optional.empty());
      Optional<String> resumeFrom = failed.stream().min(String::compareTo);
      String warned = warning;
      resumeFrom.ifPresent(seq -> lastError = warned != null ? warned : "the function reported the record " + seq + " as failed");
      return resumeFrom;
    } catch (RuntimeException e) {
      invocations.ended(function.name(), start, Optional.of(e.toString()));
      lastError = e.toString();
      say.accept("[" + function.name() + "] invocation failed, the stream delivers the batch of " + batch.size() + " again: " + e);
      return Optional.of(batch.get(0).sequenceNumber());
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.close();
  }
}
