package dev.todo.cdk;

import dev.todo.aws.FunctionSettings;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.ServiceQueue;
import dev.todo.aws.StackLayout;
import dev.todo.domain.ObjectRef;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The todo service and its CSV import: the todo table, the REST API, the import bucket, the import queue with
 * its dead-letter queue, the control queue for continuations, the seed's events (the tables' streams, the bus, the
 * notification rule and topic), and the functions, each allowed only what it needs.
 */
public final class TodoStack extends Stack {

  private final StackSettings settings;
  private final Code code;

  public TodoStack(Construct scope, String id, StackProps props, StackSettings settings) {
    super(scope, id, props);
    this.settings = settings;
    this.code = Code.fromAsset(settings.lambdaJar().toString());

    Table todos = TodoTables.todos(this);
    Table journal = TodoTables.journal(this);

    Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).enforceSsl(true).encryption(BucketEncryption.S3_MANAGED)
        .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(Duration.days(90)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    NagSuppressions.addResourceSuppressions(accessLogs, List.of(suppress("AwsSolutions-S1",
        "This is the bucket that receives the import bucket's access logs; logging it again would loop.")));
    Bucket bucket = Bucket.Builder.create(this, "ImportBucket")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).enforceSsl(true).encryption(BucketEncryption.S3_MANAGED)
        .serverAccessLogsBucket(accessLogs).serverAccessLogsPrefix("import-bucket/")
        // imports key on the object's version id, so an overwritten file is a new import and the old one stays readable
        .versioned(true)
        .lifecycleRules(List.of(
            LifecycleRule.builder().id("expire-old-versions").noncurrentVersionExpiration(Duration.days(30)).build(),
            LifecycleRule.builder().id("expire-error-reports").prefix("import-errors/")
            .expiration(Duration.days(30)).build(),
            // an export's file is for downloading now, and the multipart upload of one that failed is left unfinished
            // under export/; its work (the segments' parts and states, the assembly's progress) is scratch
            LifecycleRule.builder().id("expire-exports").prefix("export/").expiration(Duration.days(7))
            .abortIncompleteMultipartUploadAfter(Duration.days(1)).build(),
            LifecycleRule.builder().id("expire-export-work").prefix("export-work/").expiration(Duration.days(7)).build()))
        // a browser uploads with the presigned POST form that POST /imports hands out
        .cors(List.of(CorsRule.builder().allowedMethods(List.of(HttpMethods.POST)).allowedOrigins(List.of("*"))
            .allowedHeaders(List.of("*")).maxAge(3000).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    Duration retention = seconds(StackLayout.RETENTION);
    Duration deadLetterRetention = seconds(StackLayout.DEAD_LETTER_RETENTION);
    // every queue of the catalogue with its dead-letter queue; the import queue is FIFO when one writer is asked for
    java.time.Duration rowsVisibility = StackLayout.rowsVisibility(java.time.Duration.ofSeconds(settings.writerTimeoutSeconds()));
    Map<ServiceQueue, Queue> queues = new EnumMap<>(ServiceQueue.class);
    Map<ServiceQueue, Queue> deadLetterQueues = new EnumMap<>(ServiceQueue.class);
    for (ServiceQueue q : ServiceQueue.values()) {
      boolean fifo = q == ServiceQueue.ROWS && settings.singleWriter();
      Queue deadLetters = queue(q.deadLetterConstructId(), fifo, deadLetterRetention, Duration.seconds(30), null);
      deadLetterQueues.put(q, deadLetters);
      queues.put(q, queue(q.constructId(), fifo, retention, seconds(q.visibility(rowsVisibility, StackLayout.IMPORTER_TIMEOUT)),
          DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(StackLayout.MAX_RECEIVE_COUNT).build()));
    }

    // the seed's bus, and the topic whose email subscribers hear of completed todos and imports
    EventBus bus = EventBus.Builder.create(this, "TodoEventBus").build();
    Topic notifications = Topic.Builder.create(this, "TodoNotifications").displayName("Todo notifications").enforceSsl(true)
        .masterKey(software.amazon.awscdk.services.kms.Alias.fromAliasName(this, "SnsKey", "alias/aws/sns")).build();
    settings.notifyEmail().ifPresent(email -> notifications.addSubscription(new EmailSubscription(email)));

    Map<ServiceQueue, String> queueUrls = new EnumMap<>(ServiceQueue.class);
    queues.forEach((q, queue) -> queueUrls.put(q, queue.getQueueUrl()));
    Map<String, String> env = FunctionSettings.of(todos.getTableName(), journal.getTableName(), queueUrls,
        bucket.getBucketName(), bus.getEventBusName(), notifications.getTopicArn())
        .pacedAt(settings.writesPerSecond(), java.time.Duration.ofSeconds(settings.writerTimeoutSeconds()), settings.batchSize())
        .toEnvironment();

    // every function as the catalogue declares it, allowed only what it declares; then each wired to its trigger
    Queue eventFailures = queue("EventDeadLetterQueue", false, deadLetterRetention, Duration.seconds(30), null);
    Map<ServiceFunction.Resource, List<String>> arns = new EnumMap<>(ServiceFunction.Resource.class);
    queues.forEach((q, queue) -> arns.put(q.resource(), List.of(queue.getQueueArn())));
    arns.putAll(Map.ofEntries(
        Map.entry(ServiceFunction.Resource.IMPORT_UPLOADS, List.of(bucket.arnForObjects(ObjectRef.IMPORT_PREFIX + "*"))),
        Map.entry(ServiceFunction.Resource.ERROR_REPORTS, List.of(bucket.arnForObjects("import-errors/*"))),
        Map.entry(ServiceFunction.Resource.EXPORT_FILES, List.of(bucket.arnForObjects("export/*"), bucket.arnForObjects("export-work/*"))),
        Map.entry(ServiceFunction.Resource.BUCKET, List.of(bucket.getBucketArn())),
        Map.entry(ServiceFunction.Resource.TODO_TABLE, List.of(todos.getTableArn())),
        Map.entry(ServiceFunction.Resource.JOURNAL_TABLE, List.of(journal.getTableArn())),
        Map.entry(ServiceFunction.Resource.JOURNAL_INDEXES, List.of(journal.getTableArn() + "/index/*")),
        Map.entry(ServiceFunction.Resource.EVENT_BUS, List.of(bus.getEventBusArn())),
        Map.entry(ServiceFunction.Resource.TOPIC, List.of(notifications.getTopicArn()))));
    Map<ServiceFunction, Alias> functions = new EnumMap<>(ServiceFunction.class);
    for (ServiceFunction f : ServiceFunction.values()) {
      Alias function = function(f, env);
      for (ServiceFunction.Access access : f.accesses()) {
        allow(function, access.actions(), access.resources().stream().flatMap(r -> arns.get(r).stream()).toArray(String[]::new));
      }
      functions.put(f, function);
    }
    TodoTriggers.wire(this, functions, new TodoTriggers.Sources(bucket, queues, todos, journal, bus, eventFailures), settings);
    Alias importer = functions.get(ServiceFunction.IMPORTER);
    Alias continuation = functions.get(ServiceFunction.IMPORT_CONTINUATION);
    Alias writer = functions.get(ServiceFunction.WRITER);
    Alias todosApi = functions.get(ServiceFunction.TODOS_API);
    Alias importsApi = functions.get(ServiceFunction.IMPORT_STATUS_API);
    Alias uploadsApi = functions.get(ServiceFunction.UPLOADS_API);
    Alias todoStream = functions.get(ServiceFunction.TODO_STREAM);
    Alias journalStream = functions.get(ServiceFunction.JOURNAL_STREAM);
    Alias notifier = functions.get(ServiceFunction.NOTIFIER);
    Alias exportsApi = functions.get(ServiceFunction.EXPORTS_API);
    Alias exportWorker = functions.get(ServiceFunction.EXPORT_WORKER);
    RestApi api = TodoRestApi.create(this, settings, functions);

    TodoOperations.create(this, settings.alarmEmail(), Duration.minutes(15), new TodoOperations.Watched(queues.get(ServiceQueue.ROWS),
        deadLetterQueues.get(ServiceQueue.ROWS), deadLetterQueues.get(ServiceQueue.CONTROL), eventFailures, todos, api, importer, continuation, writer,
        List.of(todosApi, importsApi, uploadsApi, exportsApi), List.of(todoStream, journalStream, notifier),
        new TodoOperations.Exports(queues.get(ServiceQueue.EXPORTS), deadLetterQueues.get(ServiceQueue.EXPORTS), exportWorker)));

    output("ApiUrl", api.getUrl(), "The REST API's base URL: /todo, /imports and /exports (requests signed with SigV4 unless -c auth says"
        + " otherwise)");
    output("BucketName", bucket.getBucketName(), "Upload a CSV under import/ here to import it; error reports land under"
        + " import-errors/");
    for (ServiceQueue q : ServiceQueue.values()) {
      output(q.output().name(), queues.get(q).getQueueUrl(), q.output().description());
      q.deadLetterOutput().ifPresent(o -> output(o.name(), deadLetterQueues.get(q).getQueueUrl(), o.description()));
    }
    output("EventDeadLetterQueueUrl", eventFailures.getQueueUrl(), "Stream records and notifications the event path could"
        + " not deliver after its retries");
    output("TableName", todos.getTableName(), "The todo table");
    output("ImportsTableName", journal.getTableName(), "The import journal: each import's status and counters");
    output("EventBusName", bus.getEventBusName(), "The bus with todoCreated, todoCompleted, todoDeleted and importCompleted");
    output("NotificationTopicArn", notifications.getTopicArn(), "The topic that mails completed todos and ended imports"
        + " (-c notifyEmail subscribes an address)");
    suppressStackWide();
  }

  private static Duration seconds(java.time.Duration d) {
    return Duration.seconds(d.toSeconds());
  }

  private Queue queue(String id, boolean fifo, Duration retention, Duration visibility, DeadLetterQueue dlq) {
    Queue.Builder q = Queue.Builder.create(this, id).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
        .retentionPeriod(retention).visibilityTimeout(visibility);
    if (fifo) {
      q.fifo(true).contentBasedDeduplication(true);
    }
    if (dlq != null) {
      q.deadLetterQueue(dlq);
    }
    Queue queue = q.build();
    if (dlq == null) {
      NagSuppressions.addResourceSuppressions(queue, List.of(suppress("AwsSolutions-SQS3",
          "This is a dead-letter queue; what fails here is alarmed on, not redriven further.")));
    }
    return queue;
  }

  /** A Java 21 arm64 function with SnapStart, JSON logs, and the alias 'live' that its triggers call. */
  private Alias function(ServiceFunction f, Map<String, String> env) {
    String id = f.functionName();
    int memoryMb = switch (f.memory()) {
      case IMPORTER -> settings.importerMemoryMb();
      case WRITER -> settings.writerMemoryMb();
      case API -> settings.apiMemoryMb();
    };
    Duration timeout = f == ServiceFunction.WRITER ? Duration.seconds(settings.writerTimeoutSeconds()) : seconds(f.timeout());
    LogGroup logs = LogGroup.Builder.create(this, id + "Logs").retention(RetentionDays.ONE_MONTH)
        .removalPolicy(RemovalPolicy.DESTROY).build();
    Function function = Function.Builder.create(this, id)
        .runtime(Runtime.JAVA_21).architecture(Architecture.ARM_64)
        .handler(f.handlerName()).code(code)
        .memorySize(memoryMb).timeout(timeout).environment(env)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS).loggingFormat(LoggingFormat.JSON).logGroup(logs)
        .description(f.localName() + " (" + id + ")")
        .build();
    Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "every trigger calls the 'live' alias of a published version");
    return Alias.Builder.create(this, id + "Live").aliasName("live").version(function.getCurrentVersion()).build();
  }

  private static void allow(Alias function, List<String> actions, String... resources) {
    function.addToRolePolicy(PolicyStatement.Builder.create().actions(actions).resources(List.of(resources)).build());
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  private void suppressStackWide() {
    NagSuppressions.addStackSuppressions(this, List.of(
        suppress("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole (log writing) and API Gateway's CloudWatch push role "
            + "are the AWS managed policies made for exactly these roles."),
        suppress("AwsSolutions-IAM5", "Object permissions are scoped to one prefix of one bucket (import/*, import-errors/*); "
            + "CDK's own helpers (bucket notifications, log retention) need their documented wildcards."),
        suppress("AwsSolutions-L1", "The functions target Java 21, the LTS runtime SnapStart supports and the build targets."),
        suppress("AwsSolutions-APIG2", "Request validation is on for the methods with a body or query parameters."),
        suppress("AwsSolutions-APIG3", "No WAF: a WebACL costs money at rest; every method requires authorization and the "
            + "stage is throttled; add a WebACL in front of the stage when the API faces the public internet.")));
    if (settings.auth() == StackSettings.Auth.IAM) { // with auth=none APIG4 and COG4 stay visible, as they should
      NagSuppressions.addStackSuppressions(this, List.of(suppress("AwsSolutions-COG4", "Every method requires IAM (SigV4) "
          + "authorization instead of a user pool: callers are AWS principals; -c auth=cognito switches to a user pool.")));
    }
  }

  private static NagPackSuppression suppress(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }
}
