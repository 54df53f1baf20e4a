package dev.todo.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.todo.aws.AwsClients;
import dev.todo.local.LocalCloud;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.services.LocalServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local SQS event source mapping: batch sizes, partial batch responses, and what comes back when. */
class EventSourcePollerTest {

  @Test
  void aFailedMessageAloneComesBackAfterTheVisibilityTimeoutAndNoBatchIsLargerThanTheMappingSays() {
    SqsClient sqs = new AwsClients(LocalCloud.endpointsOf(LocalServices.shared())).sqs();
    String queue = sqs.createQueue(r -> r.queueName("poller-" + UUID.randomUUID().toString().substring(0, 8))
        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
    for (int i = 0; i < 25; i++) {
      String body = "m" + i;
      sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
    }
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    RequestHandler<SQSEvent, SQSBatchResponse> function = (event, context) -> {
      batchSizes.add(event.getRecords().size());
      List<SQSBatchResponse.BatchItemFailure> failed = new ArrayList<>();
      for (SQSEvent.SQSMessage m : event.getRecords()) {
        int n = deliveries.computeIfAbsent(m.getBody(), b -> new AtomicInteger()).incrementAndGet();
        if (m.getBody().equals("m7") && n == 1) { // fails its first delivery only
          failed.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
        }
      }
      return new SQSBatchResponse(failed);
    };
    try (EventSourcePoller poller = new EventSourcePoller(sqs, queue, "Test", () -> function,
        new EventSourcePoller.Settings(10, Duration.ZERO, 2, Duration.ofSeconds(5)), () -> false, new InvocationLog(),
        line -> { })) {
      poller.start();
      await("every message delivered and m7 twice").atMost(Duration.ofSeconds(20))
          .until(() -> deliveries.size() == 25 && deliveries.get("m7").get() == 2);
      await("the queue is empty").atMost(Duration.ofSeconds(10)).until(() -> sqs.getQueueAttributes(r -> r
          .queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
          .mapToInt(Integer::parseInt).sum() == 0);
    }
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 10));
    assertThat(deliveries).allSatisfy((body, n) -> assertThat(n.get()).as(body).isEqualTo(body.equals("m7") ? 2 : 1));
  }
}
