package dev.todo.aws;

import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends row messages with SendMessageBatch: up to 10 entries and {@code maxBatchBytes} per call, several
 * calls in flight at once. Entries that fail are retried with backoff; what still fails is returned, never dropped.
 * A FIFO queue keeps one group (one writer at a time) in the order the calls arrive, so there one call is in flight
 * at a time, and an entry it refuses is not retried behind the entries after it: it and every message after it are
 * returned unsent, for the import to fail and its retry to send them again in the file's order.
 */
public final class SqsRowQueue implements RowQueue, AutoCloseable {

  /** The batch payload limit every SQS-compatible service accepts. */
  public static final int PORTABLE_BATCH_BYTES = 256 * 1024;
  private static final Logger LOG = Logger.getLogger(SqsRowQueue.class.getName());
  private static final int MAX_ENTRIES = 10;

  private final SqsClient sqs;
  private final String queueUrl;
  private final int maxBatchBytes;
  private final Backoff backoff;
  private final ExecutorService senders;
  /** The one message group of a FIFO import queue: one writer at a time, in the order of the file. */
  public static final String MESSAGE_GROUP = "rows";

  private final boolean fifo;

  public SqsRowQueue(SqsClient sqs, String queueUrl, int maxBatchBytes, int concurrency, Backoff backoff) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.maxBatchBytes = maxBatchBytes;
    this.backoff = backoff;
    this.senders = Workers.daemonPool("sqs-sender", concurrency);
    this.fifo = queueUrl.endsWith(".fifo");
  }

  @Override
  public List<String> send(List<QueueMessage> messages) {
    if (!fifo) {
      return Workers.fanOut(senders, batches(messages), this::sendBatch);
    }
    List<String> unsent = new ArrayList<>();
    for (List<QueueMessage> batch : batches(messages)) {
      if (unsent.isEmpty()) {
        unsent.addAll(sendBatch(batch));
      } else {
        batch.forEach(m -> unsent.add(m.id()));
      }
    }
    return unsent;
  }

  /** Groups messages into calls of at most 10 entries and {@code maxBatchBytes} of bodies. */
  List<List<QueueMessage>> batches(List<QueueMessage> messages) {
    List<List<QueueMessage>> batches = new ArrayList<>();
    List<QueueMessage> current = new ArrayList<>();
    long bytes = 0;
    for (QueueMessage m : messages) {
      int size = m.body().getBytes(StandardCharsets.UTF_8).length;
      if (!current.isEmpty() && (current.size() == MAX_ENTRIES || bytes + size > maxBatchBytes)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(m);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private List<String> sendBatch(List<QueueMessage> batch) {
    List<QueueMessage> pending = batch;
    List<String> permanent = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      List<QueueMessage> retry = new ArrayList<>();
      List<QueueMessage> sending = pending;
      try {
        SendMessageBatchResponse response = sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl)
            .entries(sending.stream().map(this::entry).toList()).build());
        if (fifo && response.hasFailed() && !response.failed().isEmpty()) {
          return refusedInOrder(sending, response.failed());
        }
        for (BatchResultErrorEntry error : response.failed()) {
          QueueMessage m = sending.stream().filter(p -> p.id().equals(error.id())).findFirst().orElseThrow();
          LOG.warning(() -> "SQS refused message " + error.id() + ": " + error.code() + " " + error.message());
          if (error.senderFault()) {
            permanent.add(m.id());
          } else {
            retry.add(m);
          }
        }
      } catch (SdkException e) {
        if (attempt >= backoff.maxAttempts()) {
          throw e;
        }
        LOG.warning(() -> "SendMessageBatch failed, retrying: " + e.getMessage());
        retry = new ArrayList<>(sending);
      }
      if (retry.isEmpty() || attempt >= backoff.maxAttempts()) {
        permanent.addAll(retry.stream().map(QueueMessage::id).toList());
        return permanent;
      }
      backoff.pause(attempt);
      pending = retry;
    }
  }

  /** The first refused entry of a FIFO call and every entry after it, whether the queue took those or not. */
  private static List<String> refusedInOrder(List<QueueMessage> sending, List<BatchResultErrorEntry> refused) {
    Set<String> ids = new HashSet<>();
    refused.forEach(e -> ids.add(e.id()));
    List<String> unsent = new ArrayList<>();
    for (QueueMessage m : sending) {
      if (!unsent.isEmpty() || ids.contains(m.id())) {
        unsent.add(m.id());
      }
    }
    return unsent;
  }

  /** On a FIFO queue every row message joins one group: one writer at a time (content-based deduplication). */
  private SendMessageBatchRequestEntry entry(QueueMessage m) {
    SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(m.id()).messageBody(m.body());
    if (fifo) {
      entry.messageGroupId(MESSAGE_GROUP);
    }
    return entry.build();
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
