package dev.todo.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The seed's events in the stack: the tables' streams, the bus, the notification rule, the topic, least privilege. */
class EventsTest {

  private static Template template;

  @BeforeAll
  static void synth() {
    template = Template.fromStack(TodoStackTest.stack(Map.of("notifyEmail", "me@example.com")));
  }

  @Test
  void theTodoTableStreamsBothImagesAndTheJournalItsKeysEachIntoItsFunction() {
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("StreamSpecification", Map.of("StreamViewType", "KEYS_ONLY")));
    template.resourcePropertiesCountIs("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
        "StartingPosition", "TRIM_HORIZON", "BatchSize", 100, "MaximumBatchingWindowInSeconds", 1,
        "BisectBatchOnFunctionError", true, "MaximumRetryAttempts", 10, "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
        "DestinationConfig", Match.objectLike(Map.of("OnFailure", Match.anyValue())))), 2);
  }

  @Test
  void oneRuleSendsCompletedTodosAndEndedImportsFromTheTodoServiceToTheNotifier() {
    template.resourceCountIs("AWS::Events::EventBus", 1);
    template.resourceCountIs("AWS::Events::Rule", 1);
    template.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of("source", List.of("TodoService"),
        "detail-type", List.of("importCompleted", "todoCompleted"))));
    template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
        "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 86400),
        "DeadLetterConfig", Match.objectLike(Map.of()))))));
  }

  @Test
  void theNotificationTopicIsEncryptedMailsTheGivenAddressAndOnlyTheNotifierMayPublish() {
    template.hasResourceProperties("AWS::SNS::Topic", Map.of("DisplayName", "Todo notifications",
        "KmsMasterKeyId", Match.anyValue()));
    template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "me@example.com"));
    String policies = template.findResources("AWS::IAM::Policy").toString();
    assertThat(policies.split("\"?sns:Publish\"?", -1)).hasSize(2); // one statement, the notifier's
    assertThat(template.findResources("AWS::IAM::Policy").entrySet().stream()
        .filter(p -> p.getValue().toString().contains("events:PutEvents")).map(Map.Entry::getKey))
        .allMatch(name -> name.startsWith("TodoStream") || name.startsWith("JournalStream")).hasSize(2);
  }

  @Test
  void withoutNotifyEmailTheTopicHasNoSubscription() {
    Template plain = Template.fromStack(TodoStackTest.stack(Map.of()));
    plain.resourceCountIs("AWS::SNS::Subscription", 0);
  }
}
