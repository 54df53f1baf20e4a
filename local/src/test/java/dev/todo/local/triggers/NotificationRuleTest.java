package dev.todo.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.aws.AwsClients;
import dev.todo.domain.Notification;
import dev.todo.domain.TodoEvent;
import dev.todo.local.lambda.AwsEvents;
import dev.todo.services.LocalServices;
import dev.todo.services.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The bus's notification rule as our local bus applies it ({@link NotificationRule}) against moto's EventBridge given
 * the stack's pattern: the same events match.
 */
class NotificationRuleTest {

  /** Every detail type from our source, and one of them from another source. */
  private static final List<String[]> EVENTS = List.of(
      new String[] {TodoEvent.SOURCE, "todoCreated"}, new String[] {TodoEvent.SOURCE, "todoCompleted"},
      new String[] {TodoEvent.SOURCE, "todoDeleted"}, new String[] {TodoEvent.SOURCE, "importCompleted"},
      new String[] {"SomeoneElse", "todoCompleted"});

  @Test
  void ourRuleMatchesWhatTheStacksPatternMatchesOnMoto() throws Exception {
    List<String> ours = new ArrayList<>();
    for (String[] e : EVENTS) {
      JsonNode event = AwsEvents.JSON.createObjectNode().put("source", e[0]).put("detail-type", e[1]);
      if (NotificationRule.matches(event)) {
        ours.add(e[0] + "/" + e[1]);
      }
    }
    assertThat(ours).containsExactly("TodoService/todoCompleted", "TodoService/importCompleted");

    Assumptions.assumeTrue(MotoServer.unavailable().isEmpty(), () -> "skipped: " + MotoServer.unavailable().orElseThrow());
    String moto = MotoServer.shared().endpoint().toString();
    AwsClients clients = new AwsClients(Map.of("AWS_REGION", LocalServices.REGION, "AWS_ACCESS_KEY_ID", "moto",
        "AWS_SECRET_ACCESS_KEY", "moto", "AWS_ENDPOINT_URL", moto));
    EventBridgeClient bus = clients.eventBridge();
    SqsClient sqs = clients.sqs();
    String name = "rule-" + UUID.randomUUID().toString().substring(0, 8);
    String queue = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    bus.createEventBus(r -> r.name(name));
    // the stack's pattern (TodoStack): our source, the detail types people are told of
    String pattern = AwsEvents.JSON.writeValueAsString(Map.of("source", List.of(TodoEvent.SOURCE),
        "detail-type", Notification.TOLD.stream().map(TodoEvent.Type::detailType).sorted().toList()));
    bus.putRule(r -> r.name("notify").eventBusName(name).eventPattern(pattern));
    bus.putTargets(r -> r.rule("notify").eventBusName(name).targets(t -> t.id("queue").arn(queueArn)));
    for (String[] e : EVENTS) {
      assertThat(bus.putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName(name).source(e[0])
          .detailType(e[1]).detail("{\"todoId\":\"t1\"}").build())).failedEntryCount()).isZero();
    }
    List<String> motos = new ArrayList<>();
    while (true) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
      if (batch.isEmpty()) {
        break;
      }
      for (Message m : batch) {
        JsonNode event = AwsEvents.JSON.readTree(m.body());
        motos.add(event.path("source").asText() + "/" + event.path("detail-type").asText());
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
      }
    }
    assertThat(motos).containsExactlyInAnyOrderElementsOf(ours);
  }
}
