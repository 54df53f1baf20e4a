package dev.todo.local.triggers;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.aws.Workers;
import dev.todo.local.lambda.AwsEvents;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Drains a queue into a function the way the Lambda SQS event source mapping does: batches of up to
 * {@code batchSize} gathered for at most the batching window, up to {@code maxConcurrency} invocations at once,
 * partial batch responses (only the failed messages stay on the queue, to come back after the visibility
 * timeout), and the queue's own redrive policy moving what fails too often to the dead-letter queue.
 */
public final class EventSourcePoller implements AutoCloseable {

  /** How the mapping is configured. */
  public record Settings(int batchSize, Duration batchingWindow, int maxConcurrency, Duration functionTimeout) {
  }

  /** A fault to inject: the function's container dies after the handler returned, before anything is deleted. */
  public interface CrashAfterHandler {
    boolean crashNow();
  }

  private final SqsClient sqs;
  private final String queueUrl;
  private final String function;
  private final Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> handlers;
  private final Settings settings;
  private final CrashAfterHandler crash;
  private final InvocationLog invocationLog;
  private final Consumer<String> log;
  private final ExecutorService workers;
  private volatile boolean running = true;

  public EventSourcePoller(SqsClient sqs, String queueUrl, String function,
                           Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> handlers, Settings settings,
                           CrashAfterHandler crash, InvocationLog invocationLog, Consumer<String> log) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.function = function;
    this.handlers = handlers;
    this.settings = settings;
    this.crash = crash;
    this.invocationLog = invocationLog;
    this.log = log;
    this.workers = Workers.daemonPool(function + "-poller", settings.maxConcurrency());
  }

  public void start() {
    for (int i = 0; i < settings.maxConcurrency(); i++) {
      workers.submit(this::pollForever);
    }
  }

  private void pollForever() {
    LambdaFunction<SQSEvent, SQSBatchResponse> handler = LambdaFunction.of(function, handlers.get(), SQSEvent.class,
        SQSBatchResponse.class, settings.functionTimeout(), log); // one function instance per worker
    while (running) {
      try {
        List<Message> batch = gather();
        if (!batch.isEmpty()) {
          invoke(handler, batch);
        }
      } catch (RuntimeException e) {
        if (running) {
          log.accept("[" + function + "] poller error, retrying: " + e);
          sleep(500);
        }
      }
    }
  }

  private List<Message> gather() {
    List<Message> batch = new ArrayList<>();
    long windowEnds = System.nanoTime() + settings.batchingWindow().toNanos();
    do {
      long left = Math.max(0, windowEnds - System.nanoTime());
      int wait = batch.isEmpty() ? 1 : (int) Math.min(1, TimeUnit.NANOSECONDS.toSeconds(left));
      int want = Math.min(10, settings.batchSize() - batch.size());
      List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(want).waitTimeSeconds(wait)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      batch.addAll(received);
      if (received.isEmpty() && wait == 0) {
        sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))); // under a second of the window left: poll gently
      }
    } while (running && !batch.isEmpty() && batch.size() < settings.batchSize() && System.nanoTime() < windowEnds);
    return batch;
  }

  private void invoke(LambdaFunction<SQSEvent, SQSBatchResponse> handler, List<Message> batch) {
    Set<String> failed = new HashSet<>();
    long start = System.nanoTime();
    try {
      failed.addAll(AwsEvents.batchItemFailures(handler.invoke(AwsEvents.sqsBatch(queueUrl, batch))));
      invocationLog.ended(function, start, Optional.empty()); // a partial batch response is a success to Lambda
    } catch (RuntimeException e) {
      invocationLog.ended(function, start, Optional.of(e.toString()));
      log.accept("[" + function + "] invocation failed, the whole batch returns to the queue: " + e);
      return;
    }
    if (crash.crashNow()) {
      log.accept("[" + function + "] (fault) the container died before deleting " + batch.size() + " message(s)");
      return;
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message m : batch) {
      if (!failed.contains(m.messageId())) {
        done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
      }
    }
    for (int i = 0; i < done.size(); i += 10) {
      List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
      sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the workers to stop after their current receive (a long poll of up to a second); {@link #close} waits. */
  public void stop() {
    running = false;
    workers.shutdown();
  }

  @Override
  public void close() {
    stop();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }
}
