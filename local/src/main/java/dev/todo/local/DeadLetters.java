package dev.todo.local;

import dev.todo.aws.SqsRowQueue;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A redrive: what a dead-letter queue holds, sent back to the queue it came from. */
public final class DeadLetters {

  private DeadLetters() {
  }

  /** Moves every message from one queue to another, each deleted only once it is sent; returns how many. */
  public static int moveAll(SqsClient sqs, String fromUrl, String toUrl) {
    int moved = 0;
    while (true) {
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(fromUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      if (messages.isEmpty()) {
        return moved;
      }
      for (Message m : messages) {
        boolean fifo = toUrl.endsWith(".fifo"); // one group, as the importer sends; a fresh id, or dedup would drop it
        sqs.sendMessage(r -> r.queueUrl(toUrl).messageBody(m.body()).messageGroupId(fifo ? SqsRowQueue.MESSAGE_GROUP : null)
            .messageDeduplicationId(fifo ? UUID.randomUUID().toString() : null));
        sqs.deleteMessage(r -> r.queueUrl(fromUrl).receiptHandle(m.receiptHandle()));
        moved++;
      }
    }
  }
}
