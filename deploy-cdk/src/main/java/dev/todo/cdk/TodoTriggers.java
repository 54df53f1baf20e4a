package dev.todo.cdk;

import dev.todo.aws.ServiceFunction;
import dev.todo.aws.ServiceQueue;
import dev.todo.domain.Notification;
import dev.todo.domain.TodoEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/** Each function's trigger as the catalogue declares it ({@link ServiceFunction#trigger()}), wired to what fires it. */
final class TodoTriggers {

  /** What the triggers fire from: the bucket, the queues, the tables' streams, the bus, and where failures go. */
  record Sources(Bucket bucket, Map<ServiceQueue, Queue> queues, Table todos, Table journal, EventBus bus, Queue eventFailures) {
  }

  private TodoTriggers() {
  }

  static void wire(Construct scope, Map<ServiceFunction, Alias> functions, Sources s, StackSettings settings) {
    functions.forEach((f, function) -> {
      ServiceFunction.Trigger trigger = f.trigger();
      if (trigger instanceof ServiceFunction.Trigger.Upload upload) {
        s.bucket().addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(function),
            NotificationKeyFilter.builder().prefix(upload.prefix()).build());
      } else if (trigger instanceof ServiceFunction.Trigger.Queue q && q.queue() != ServiceQueue.ROWS) {
        function.addEventSource(new SqsEventSource(s.queues().get(q.queue()), SqsEventSourceProps.builder().batchSize(q.batchSize())
            .reportBatchItemFailures(true).build()));
      } else if (trigger instanceof ServiceFunction.Trigger.Queue) {
        // the import queue, in batches as the stack is told (the catalogue's batch size unless -c batchSize says)
        SqsEventSourceProps.Builder source = SqsEventSourceProps.builder().batchSize(settings.batchSize()).reportBatchItemFailures(true);
        if (!settings.singleWriter()) { // FIFO queues take neither a batching window nor a concurrency cap: one group already means one writer
          source.maxBatchingWindow(Duration.seconds(settings.batchingWindowSeconds())).maxConcurrency(settings.writeConcurrency());
        }
        function.addEventSource(new SqsEventSource(s.queues().get(ServiceQueue.ROWS), source.build()));
      } else if (trigger instanceof ServiceFunction.Trigger.Stream stream) {
        // a batch is retried (halved on each failure) until it succeeds or has failed 10 times; then its place in the
        // stream goes to the dead-letter queue, which alarms
        Table table = stream.table() == ServiceFunction.Trigger.TableName.TODOS ? s.todos() : s.journal();
        function.addEventSource(new DynamoEventSource(table, DynamoEventSourceProps.builder()
            .startingPosition(StartingPosition.TRIM_HORIZON).batchSize(stream.batchSize())
            .maxBatchingWindow(seconds(stream.batchingWindow())).bisectBatchOnError(true)
            .reportBatchItemFailures(true).retryAttempts(stream.retryAttempts()).onFailure(new SqsDlq(s.eventFailures())).build()));
      } else if (trigger instanceof ServiceFunction.Trigger.Rule rule) {
        Rule.Builder.create(scope, "NotificationRule").eventBus(s.bus())
            .description("Completed todos and ended imports, to the notifier (which mails what people want to hear of)")
            .eventPattern(EventPattern.builder().source(List.of(TodoEvent.SOURCE))
                .detailType(Notification.TOLD.stream().map(TodoEvent.Type::detailType).sorted().toList()).build())
            .targets(List.of(new LambdaFunction(function, LambdaFunctionProps.builder().retryAttempts(rule.retryAttempts())
                .maxEventAge(seconds(rule.maxEventAge())).deadLetterQueue(s.eventFailures()).build())))
            .build();
      } // an Api trigger: the REST API below maps its routes
    });
  }

  private static Duration seconds(java.time.Duration d) {
    return Duration.seconds(d.toSeconds());
  }
}
