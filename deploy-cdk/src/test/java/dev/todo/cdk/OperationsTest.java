package dev.todo.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The dashboard and the alarms that catch a stuck import, and their optional e-mail. */
class OperationsTest {

  private final Template template = Template.fromStack(TodoStackTest.stack(Map.of()));

  @Test
  void theDashboardShowsTheImportsOwnMetricsQueuesFunctionsTableAndApi() {
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    String body = template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next().toString();
    assertThat(body).contains("TodoImport", "RowsWritten", "RowsRead", "RowsDeadLettered", "ApproximateAgeOfOldestMessage",
        "ApproximateNumberOfMessagesVisible", "Invocations", "Errors", "Throttles", "Duration",
        "ConsumedWriteCapacityUnits", "ThrottledRequests", "WriterRetriedItems", "WriterThrottledCalls", "4XXError", "5XXError", "Latency");
  }

  @Test
  void alarmsCatchAStuckImportNotOnlyAFailedOne() {
    template.resourceCountIs("AWS::CloudWatch::Alarm", 8);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateAgeOfOldestMessage",
        "Threshold", 900));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors", "Namespace", "AWS/Lambda"));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ThrottledRequests"));
    template.resourceCountIs("AWS::SNS::Topic", 1); // no e-mail asked for: no alarm topic, only the notification topic
  }

  @Test
  void anAlarmEmailGetsATopicEveryAlarmNotifies() {
    App app = new App();
    TodoStack stack = new TodoStack(app, "Mailed", StackProps.builder().build(),
        StackSettings.from(name -> Optional.ofNullable(Map.of("alarmEmail", "ops@example.com").get(name))));
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    Template mailed = Template.fromStack(stack);
    mailed.resourceCountIs("AWS::SNS::Topic", 2); // the alarms' and the notifications'
    mailed.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
    assertThat(mailed.findResources("AWS::CloudWatch::Alarm").values())
        .allSatisfy(a -> assertThat(a.toString()).contains("AlarmActions"));
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }
}
