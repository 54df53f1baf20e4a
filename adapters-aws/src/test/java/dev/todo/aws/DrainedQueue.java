package dev.todo.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A queue a test points a rule or a subscription at, read to its end: every message's body as JSON, once. */
final class DrainedQueue {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SqsClient sqs;
  private final String url;
  private final String arn;
  private final List<JsonNode> seen = new ArrayList<>();

  DrainedQueue(SqsClient sqs, String name) {
    this.sqs = sqs;
    this.url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    this.arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  String arn() {
    return arn;
  }

  /** Every body received so far, after taking (and deleting) whatever the queue holds now. */
  List<JsonNode> bodies() throws IOException {
    while (true) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
      if (batch.isEmpty()) {
        return seen;
      }
      for (Message m : batch) {
        seen.add(JSON.readTree(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
    }
  }
}
