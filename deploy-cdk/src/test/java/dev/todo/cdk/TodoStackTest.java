package dev.todo.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.aws.ApiRoute;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class TodoStackTest {

  private static Template template;

  @BeforeAll
  static void synth() {
    template = Template.fromStack(stack(Map.of()));
  }

  static TodoStack stack(Map<String, String> context) {
    App app = new App();
    return new TodoStack(app, "Test", StackProps.builder().build(),
        StackSettings.from(name -> Optional.ofNullable(context.get(name))));
  }

  @Test
  void theTodoTableIsOnDemandRecoverableAndRetained() {
    template.hasResource("AWS::DynamoDB::Table", Map.of(
        "Properties", Map.of(
            "KeySchema", List.of(Map.of("AttributeName", "todoId", "KeyType", "HASH")),
            "AttributeDefinitions", List.of(Map.of("AttributeName", "todoId", "AttributeType", "S")),
            "BillingMode", "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)),
        "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    template.resourceCountIs("AWS::DynamoDB::Table", 2);
  }

  @Test
  void theImportBucketIsPrivateEncryptedSslOnlyAndExpiresErrorReports() {
    template.hasResourceProperties("AWS::S3::Bucket", Map.of(
        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
            "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
            List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
        "LifecycleConfiguration", Map.of("Rules", List.of(
            Match.objectLike(Map.of("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30), "Status", "Enabled")),
            Match.objectLike(Map.of("Prefix", "import-errors/", "ExpirationInDays", 30, "Status", "Enabled")),
            Match.objectLike(Map.of("Prefix", "export/", "ExpirationInDays", 7,
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1), "Status", "Enabled")),
            Match.objectLike(Map.of("Prefix", "export-work/", "ExpirationInDays", 7, "Status", "Enabled"))))));
    template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
  }

  @Test
  void uploadsUnderImportInvokeTheImportersLiveAlias() {
    Capture target = new Capture();
    template.hasResourceProperties("Custom::S3BucketNotifications", Map.of("NotificationConfiguration", Map.of(
        "LambdaFunctionConfigurations", List.of(Map.of(
            "Events", List.of("s3:ObjectCreated:*"),
            "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", "import/")))),
            "LambdaFunctionArn", Map.of("Ref", target))))));
    assertThat(template.findResources("AWS::Lambda::Alias")).containsKey(target.asString());
    assertThat(target.asString()).startsWith("ImporterLive");
  }

  @Test
  void theImportQueueBuffersWithADeadLetterQueueAndAnAlarm() {
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "VisibilityTimeout", 360, "SqsManagedSseEnabled", true,
        "RedrivePolicy", Map.of("deadLetterTargetArn", Match.anyValue(), "maxReceiveCount", 5)));
    template.hasResourceProperties("AWS::SQS::Queue", Map.of("MessageRetentionPeriod", 1_209_600, "SqsManagedSseEnabled", true));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible",
        "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
    template.resourceCountIs("AWS::CloudWatch::Alarm", 8);
  }

  @Test
  void functionsAreJava21Arm64WithSnapStartAndJsonLogs() {
    Map<String, Object> java = Map.of("Runtime", "java21", "Architectures", List.of("arm64"),
        "SnapStart", Map.of("ApplyOn", "PublishedVersions"), "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")));
    template.resourcePropertiesCountIs("AWS::Lambda::Function", java, 11);
    for (String handler : List.of("S3ToSqs", "ImportContinuation", "SqsToDynamo", "TodoApi", "TodoStream", "JournalStream", "Notifier",
        "SqsToExport")) {
      template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "dev.todo.aws.handler." + handler + "::handleRequest"));
    }
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "dev.todo.aws.handler.S3ToSqs::handleRequest",
        "Timeout", 900, "MemorySize", 1024));
    template.resourcePropertiesCountIs("AWS::Lambda::Alias", Map.of("Name", "live"), 11);
  }

  @Test
  void theWriterDrainsTheQueueThroughItsAliasWithPartialBatchResponses() {
    Map<String, Object> writer = mappingOf("WriterLive");
    assertThat(writer).containsEntry("BatchSize", 10).containsEntry("MaximumBatchingWindowInSeconds", 0)
        .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
        .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", 5));
    assertThat(writer.get("EventSourceArn").toString()).contains("ImportQueue");
    Map<String, Object> continuation = mappingOf("ImportContinuationLive");
    assertThat(continuation).containsEntry("BatchSize", 1).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(continuation.get("EventSourceArn").toString()).contains("ControlQueue");
  }

  /** The properties of the event source mapping whose function is the given alias (name:live). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> mappingOf(String aliasPrefix) {
    return template.findResources("AWS::Lambda::EventSourceMapping").values().stream()
        .map(r -> (Map<String, Object>) r.get("Properties"))
        .filter(p -> p.get("FunctionName").toString().contains("Ref=" + aliasPrefix) && p.get("FunctionName").toString().contains(":live"))
        .findFirst().orElseThrow(() -> new AssertionError("no event source mapping for " + aliasPrefix));
  }

  @Test
  void theImporterReadsOnlyImportAndWritesOnlyImportErrors() {
    List<Map<String, Object>> statements = statementsOf("ImporterServiceRoleDefaultPolicy");
    assertThat(statements).anySatisfy(s -> {
      assertThat(s.get("Action")).isEqualTo(List.of("s3:GetObject", "s3:GetObjectVersion"));
      assertThat(s.get("Resource").toString()).contains("/import/*");
    });
    assertThat(statements).anySatisfy(s -> {
      assertThat(s.get("Action")).isEqualTo(List.of("s3:GetObject", "s3:PutObject"));
      assertThat(s.get("Resource").toString()).contains("/import-errors/*");
    });
    assertThat(statements).noneSatisfy(s -> assertThat(s.get("Action").toString()).containsAnyOf("s3:*", "dynamodb:*", "sqs:*"));
    assertThat(statements).allSatisfy(s -> assertThat(s.get("Action").toString()).doesNotContain("BatchWriteItem"));
  }

  @Test
  void theWriterMayOnlyWriteTheTableAndTheJournal() {
    List<Map<String, Object>> statements = statementsOf("WriterServiceRoleDefaultPolicy");
    assertThat(statements.stream().map(s -> s.get("Action").toString()).toList())
        .noneMatch(a -> a.contains("s3:") || a.contains("dynamodb:GetItem") || a.contains("Scan") || a.contains("DeleteItem")
            || a.contains("sqs:Send"));
    // rows with a todoId are one UpdateItem each (never read first: no BatchGetItem)
    assertThat(statements).anySatisfy(s -> {
      assertThat(s.get("Action")).isEqualTo(List.of("dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"));
      assertThat(s.get("Resource").toString()).contains("TodoTable");
    });
    assertThat(statements).anySatisfy(s -> {
      assertThat(s.get("Action")).isEqualTo("dynamodb:UpdateItem");
      assertThat(s.get("Resource").toString()).contains("ImportJournal");
    });
  }

  @Test
  void theExportWorkerMayScanTheTableAndWriteOnlyUnderExportPrefixes() {
    List<Map<String, Object>> statements = statementsOf("ExportWorkerServiceRoleDefaultPolicy");
    assertThat(statements).anySatisfy(s -> {
      assertThat(s.get("Action")).isEqualTo("dynamodb:Scan");
      assertThat(s.get("Resource").toString()).contains("TodoTable");
    });
    assertThat(statements).anySatisfy(s -> {
      assertThat(s.get("Action")).isEqualTo(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"));
      assertThat(s.get("Resource").toString()).contains("/export/*", "/export-work/*").doesNotContain("/import/");
    });
    assertThat(statements.stream().map(s -> s.get("Action").toString()).toList())
        .noneMatch(a -> a.contains("PutItem") || a.contains("UpdateItem") || a.contains("DeleteItem") || a.contains("BatchWrite"));
    assertThat(statementsOf("ExportsApiServiceRoleDefaultPolicy").stream().map(s -> s.get("Action").toString()).toList())
        .noneMatch(a -> a.contains("dynamodb:") || a.contains("DeleteObject"));
    assertThat(template.findResources("AWS::Lambda::EventSourceMapping").values().stream().map(Object::toString)
        .filter(m -> m.contains("ExportWorker")).toList()).singleElement().asString()
        .contains("BatchSize=1", "ExportQueue", "ReportBatchItemFailures");
  }

  @Test
  void tablesAreProtectedFromDeletionAndTheBucketKeepsOldVersionsForAWhile() {
    assertThat(template.findResources("AWS::DynamoDB::Table").values())
        .hasSize(2).allSatisfy(t -> assertThat(t.toString()).contains("DeletionProtectionEnabled=true"));
    template.hasResourceProperties("AWS::S3::Bucket", Map.of("VersioningConfiguration", Map.of("Status", "Enabled"),
        "LifecycleConfiguration", Match.objectLike(Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30)))))))));
  }

  @Test
  void theJournalKeepsRecordsAndMarkersUnderTheImportIdAndNeverExpiresThem() {
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("KeySchema", List.of(
        Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE"))));
    assertThat(template.findResources("AWS::DynamoDB::Table").values().toString()).doesNotContain("TimeToLive");
  }

  @Test
  void eachApiFunctionHasOnlyWhatItsRoutesNeed() {
    assertThat(statementsOf("TodosApiServiceRoleDefaultPolicy")).singleElement().satisfies(s -> {
      // a PATCH is one conditional UpdateItem (the stack once lacked it: every PATCH on AWS would have been refused)
      assertThat(s.get("Action")).isEqualTo(List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem",
          "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"));
      assertThat(s.get("Resource").toString()).contains("TodoTable");
    });
    assertThat(statementsOf("ImportStatusApiServiceRoleDefaultPolicy")).singleElement().satisfies(s -> {
      assertThat(s.get("Action")).isEqualTo("dynamodb:Query");
      assertThat(s.get("Resource").toString()).contains("/index/*"); // GET /imports queries the listing indexes
    });
    assertThat(statementsOf("UploadsApiServiceRoleDefaultPolicy")).singleElement().satisfies(s -> {
      assertThat(s.get("Action")).isEqualTo("s3:PutObject");
      assertThat(s.get("Resource").toString()).contains("/import/*");
    });
    template.resourceCountIs("AWS::ApiGateway::Method", ApiRoute.values().length);
    for (ApiRoute route : ApiRoute.values()) { // each route of the table, served by its own function, reading its query
      Map<String, Object> props = new java.util.HashMap<>(Map.of("HttpMethod", route.method()));
      if (!route.queryParameters().isEmpty()) {
        Map<String, Boolean> query = new java.util.TreeMap<>();
        route.queryParameters().forEach(q -> query.put("method.request.querystring." + q, false));
        props.put("RequestParameters", query);
      }
      assertThat(template.findResources("AWS::ApiGateway::Method", Map.of("Properties", Match.objectLike(props))).values())
          .as(route.name()).anySatisfy(m -> assertThat(m.toString()).contains("{Ref=" + route.function().functionName() + "Live"));
    }
    template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "POST",
        "RequestModels", Map.of("application/json", Match.anyValue()), "RequestValidatorId", Match.anyValue()));
    template.hasResourceProperties("AWS::ApiGateway::Model", Map.of("Schema", Match.objectLike(Map.of("required", List.of("name")))));
  }

  @Test
  void theJournalHasItsTwoListingIndexesKeysOnly() {
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("GlobalSecondaryIndexes", Match.arrayWith(List.of(
        Match.objectLike(Map.of("IndexName", "byStart", "Projection", Map.of("ProjectionType", "KEYS_ONLY"))),
        Match.objectLike(Map.of("IndexName", "byKey", "Projection", Map.of("ProjectionType", "KEYS_ONLY")))))));
  }

  @Test
  void outputsNameEverythingAUserNeeds() {
    assertThat(template.findOutputs("*").keySet()).containsExactlyInAnyOrder("ApiUrl", "BucketName", "QueueUrl",
        "DeadLetterQueueUrl", "ControlQueueUrl", "ExportQueueUrl", "EventDeadLetterQueueUrl", "TableName", "ImportsTableName", "EventBusName",
        "NotificationTopicArn"); // once each: no second endpoint output from the RestApi construct
    assertThat(template.findOutputs("*").values()).allSatisfy(o -> assertThat(o).containsKey("Description"));
  }

  @Test
  void oneWriterMeansAFifoQueueWithOneGroupNotReservedConcurrency() {
    Template single = Template.fromStack(stack(Map.of("writeConcurrency", "1", "writesPerSecond", "25")));
    single.hasResourceProperties("AWS::SQS::Queue", Map.of("FifoQueue", true, "ContentBasedDeduplication", true,
        "RedrivePolicy", Match.anyValue()));
    single.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("BatchSize", 10,
        "ScalingConfig", Match.absent(), "MaximumBatchingWindowInSeconds", Match.absent(),
        "EventSourceArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ImportQueue.*"), "Arn"))));
    single.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", Match.anyValue()), 0);
    single.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "dev.todo.aws.handler.SqsToDynamo::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of("WRITES_PER_SECOND", "25.0")))));
    // the importer packs messages a paced writer can write a batch of in half its timeout: 10 x 75 rows at 25/s, 30 s
    single.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "dev.todo.aws.handler.S3ToSqs::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of("MAX_ROWS_PER_MESSAGE", "75")))));
    Template paced = Template.fromStack(stack(Map.of("writesPerSecond", "50", "writerTimeoutSeconds", "120", "batchSize", "5")));
    paced.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "dev.todo.aws.handler.S3ToSqs::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of("MAX_ROWS_PER_MESSAGE", "600")))));
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "dev.todo.aws.handler.S3ToSqs::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of("MAX_ROWS_PER_MESSAGE", "0")))));
  }

  @Test
  void batchesOfMoreThanTenMessagesNeedABatchingWindow() {
    assertThatThrownBy(() -> stack(Map.of("batchSize", "100"))).hasMessageContaining("batchingWindowSeconds of at least 1");
    Template large = Template.fromStack(stack(Map.of("batchSize", "100", "batchingWindowSeconds", "2")));
    large.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("BatchSize", 100, "MaximumBatchingWindowInSeconds", 2));
  }

  @Test
  void severalWritersCapTheEventSourceConcurrency() {
    Template three = Template.fromStack(stack(Map.of("writeConcurrency", "3")));
    three.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("ScalingConfig", Map.of("MaximumConcurrency", 3)));
    three.resourcePropertiesCountIs("AWS::SQS::Queue", Map.of("FifoQueue", true), 0);
  }

  @Test
  void cdkNagFindsNoUnsuppressedErrors() {
    App app = new App();
    TodoStack stack = new TodoStack(app, "Nagged", StackProps.builder().build(), StackSettings.defaults());
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statementsOf(String policyPrefix) {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
    Map<String, Object> policy = policies.entrySet().stream().filter(e -> e.getKey().startsWith(policyPrefix))
        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no policy " + policyPrefix + " in " + policies.keySet()));
    Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
    return ((List<Map<String, Object>>) document.get("Statement")).stream()
        .filter(s -> !s.get("Action").toString().contains("sqs:ReceiveMessage")) // what the event source mapping adds
        .toList();
  }
}
