package dev.todo.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One table's stream and the event source mapping that drains it into a function, as Lambda drains a DynamoDB
 * stream shard: in order, in batches of up to {@code batchSize} gathered for at most the batching window, one
 * batch at a time. A batch that fails is delivered again (after a pause that grows to 5 s) until it succeeds; a
 * batch answered with a partial failure is delivered again from the sequence number the function named.
 */
final class StreamShard implements AutoCloseable {

  /** One stream record: its id, INSERT / MODIFY / REMOVE, and its {@code dynamodb} part (keys, images, sequence number). */
  record Record(String eventId, String eventName, ObjectNode dynamodb) {
    String sequenceNumber() {
      return dynamodb.path("SequenceNumber").asText();
    }
  }

  private final String streamArn;
  private final String region;
  private final int batchSize;
  private final Duration batchingWindow;
  private final String name;
  private final java.util.function.Supplier<LambdaFunction<?, ?>> functions;
  private final InvocationLog invocations;
  private final Consumer<String> log;
  private final BlockingQueue<Record> records = new LinkedBlockingQueue<>();
  private final List<Record> inFlight = new ArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  /** {@code function} makes the function on the shard's own thread, at its start: its SDK clients load off the caller's. */
  StreamShard(String streamArn, String region, int batchSize, Duration batchingWindow, String name,
      java.util.function.Supplier<LambdaFunction<?, ?>> function, InvocationLog invocations, Consumer<String> log) {
    this.streamArn = streamArn;
    this.region = region;
    this.batchSize = batchSize;
    this.batchingWindow = batchingWindow;
    this.name = name;
    this.functions = function;
    this.invocations = invocations;
    this.log = log;
    this.poller = new Thread(this::pollForever, name + "-stream");
    poller.setDaemon(true);
  }

  void start() {
    poller.start();
  }

  void append(Record record) {
    records.add(record);
  }

  /** Records not yet delivered to the function with success. */
  synchronized int pending() {
    return records.size() + inFlight.size();
  }

  private void pollForever() {
    LambdaFunction<?, ?> function = functions.get();
    int failures = 0;
    while (running) {
      try {
        List<Record> batch = gather();
        if (batch.isEmpty()) {
          continue;
        }
        Optional<String> resumeFrom = invoke(function, batch);
        synchronized (this) {
          if (resumeFrom.isEmpty()) {
            inFlight.clear();
            failures = 0;
            continue;
          }
          inFlight.removeIf(r -> r.sequenceNumber().compareTo(resumeFrom.get()) < 0);
        }
        failures++;
        Thread.sleep(Math.min(5000, 100L << Math.min(failures, 6)));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The batch to deliver: what failed last time first, then new records up to the batch size and window. */
  private List<Record> gather() throws InterruptedException {
    synchronized (this) {
      if (!inFlight.isEmpty()) {
        return List.copyOf(inFlight);
      }
    }
    Record first;
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
    List<Record> batch = new ArrayList<>(List.of(first));
    long windowEnds = System.nanoTime() + batchingWindow.toNanos();
    while (batch.size() < batchSize) {
      long left = windowEnds - System.nanoTime();
      if (left <= 0) {
        break;
      }
      Thread.sleep(Math.min(50, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      synchronized (this) {
        int had = batch.size();
        records.drainTo(batch, batchSize - batch.size());
        inFlight.addAll(batch.subList(had, batch.size()));
      }
    }
    return batch;
  }

  /** Empty if the function took the whole batch; else the sequence number to deliver again from. */
  private Optional<String> invoke(LambdaFunction<?, ?> function, List<Record> batch) {
    long start = System.nanoTime();
    try {
      List<String> failed = AwsEvents.batchItemFailures(function.invoke(AwsEvents.dynamodbStream(streamArn, region, batch)));
      invocations.ended(function.name(), start, Optional.empty());
      return failed.stream().min(String::compareTo);
    } catch (RuntimeException e) {
      invocations.ended(function.name(), start, Optional.of(e.toString()));
      log.accept("[" + function.name() + "] invocation failed, the stream delivers the batch of " + batch.size() + " again: " + e);
      return Optional.of(batch.get(0).sequenceNumber());
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
