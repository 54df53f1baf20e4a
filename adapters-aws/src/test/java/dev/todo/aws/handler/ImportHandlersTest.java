package dev.todo.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.aws.AwsRuntime;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.Todo;
import dev.todo.ports.Page;
import dev.todo.usecase.Result;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class ImportHandlersTest {

  private static final String UNICODE_KEY = "import/my todos ✓ März.csv";

  private static LocalStack stack;
  private static AwsRuntime runtime;

  @BeforeAll
  static void stack() throws Exception {
    stack = new LocalStack(Map.of());
    runtime = stack.runtime();
    try (InputStream csv = ImportHandlersTest.class.getResourceAsStream("/events/unicode-key.csv")) {
      stack.s3.putObject(r -> r.bucket(LocalStack.BUCKET).key(UNICODE_KEY), RequestBody.fromBytes(csv.readAllBytes()));
    }
  }

  @Test
  void anS3EventWithSpacesAndUnicodeInItsKeyImportsTheFileOnce() {
    S3Event event = EventLoader.loadS3Event("events/s3-put-unicode-key.json");
    S3ToSqs importer = new S3ToSqs(runtime.importService(), Duration.ofSeconds(1));

    List<String> log = new ArrayList<>();
    String first = Stdout.lines(log, () -> importer.handleRequest(event, Contexts.plenty()));
    String duplicate = Stdout.lines(log, () -> importer.handleRequest(event, Contexts.plenty()));
    SqsToDynamo writer = new SqsToDynamo(runtime.rowWriter());
    SQSBatchResponse response = Stdout.lines(log, () -> writer.handleRequest(stack.drain(stack.queueUrl), Contexts.plenty()));

    assertThat(first).contains("queued: 3 rows read, 2 queued, 1 rejected");
    assertThat(duplicate).contains("duplicate notification ignored");
    assertThat(log).filteredOn(l -> l.contains("duplicate notification ignored")).singleElement() // nothing done: a debug line
        .satisfies(l -> assertThat(l).contains("\"level\":\"DEBUG\""));
    assertThat(response.getBatchItemFailures()).isEmpty();
    ObjectRef ref = ObjectRef.of(LocalStack.BUCKET, UNICODE_KEY, "92f768ac54d074ee466ae4b6fe62187c");
    ImportRecord record = runtime.journal().find(ImportId.of(ref)).orElseThrow();
    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(record.rowsWritten()).isEqualTo(2);
    assertThat(record.errorReport()).contains("s3://handler-imports/import-errors/my todos ✓ März.csv.errors.csv");
    assertThat(stack.s3.getObjectAsBytes(r -> r.bucket(LocalStack.BUCKET).key(ref.errorReportKey())).asUtf8String())
        .isEqualTo("line,column,reason,name,completed,project\n"
            + "4,completed,\"'maybe' is not a boolean (use true/false, yes/no or 1/0)\",bad,maybe,work\n");
    assertThat(todos()).extracting(Todo::name).containsExactlyInAnyOrder("first ✓", "second");
    // the functions' log: JSON lines, each with the import's id; one query follows the import through both functions
    String id = ImportId.of(ref).value();
    assertThat(log).hasSize(4).allSatisfy(line -> assertThat(Stdout.json(line).path("importId").asText().equals(id)
        || Stdout.json(line).path("importIds").toString().contains(id)).as(line).isTrue());
    assertThat(Stdout.json(log.get(0)).path("key").asText()).isEqualTo(UNICODE_KEY);
    assertThat(Stdout.json(log.get(0)).path("rowsRejected").asLong()).isEqualTo(1);
    assertThat(Stdout.json(log.get(2)).path("rowsWritten").asLong()).isEqualTo(2);
    // and metrics, in CloudWatch's embedded metric format: the function as the one dimension, the id a property
    JsonNode read = Stdout.json(log.get(0));
    assertThat(read.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("TodoImport");
    assertThat(read.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
    assertThat(read.path("RowsRead").asDouble()).isEqualTo(3);
    assertThat(Stdout.json(log.get(3)).path("RowsWritten").asDouble()).isEqualTo(2);
  }

  @Test
  void folderMarkersAndKeysOutsideImportAreIgnored() {
    S3ToSqs importer = new S3ToSqs(runtime.importService(), Duration.ofSeconds(1));
    assertThat(importer.handleRequest(EventLoader.loadS3Event("events/s3-put-folder-marker.json"), Contexts.plenty()))
        .startsWith("skipped");
    assertThat(importer.handleRequest(EventLoader.loadS3Event("events/s3-put-outside-import.json"), Contexts.plenty()))
        .startsWith("skipped");
  }

  @Test
  void fromAFifoQueueAPoisonMessageFailsEveryLaterMessageOfItsBatch() {
    SQSEvent batch = EventLoader.loadSQSEvent("events/sqs-fifo-batch-with-poison.json");
    SQSBatchResponse response = new SqsToDynamo(runtime.rowWriter()).handleRequest(batch, Contexts.plenty());

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("m-poison", "m-good-2");
    assertThat(runtime.todoService().get("fifo-batch-2")).isInstanceOf(Result.Ok.class);
    assertThat(runtime.todoService().get("fifo-batch-4")).isInstanceOf(Result.NotFound.class);
  }

  @Test
  void aPoisonMessageFailsAloneAndTheRestOfItsBatchIsWritten() {
    SQSEvent batch = EventLoader.loadSQSEvent("events/sqs-batch-with-poison.json");
    SQSBatchResponse response = new SqsToDynamo(runtime.rowWriter()).handleRequest(batch, Contexts.plenty());

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("m-poison");
    assertThat(runtime.todoService().get("poison-batch-2")).isInstanceOf(Result.Ok.class);
    assertThat(runtime.todoService().get("poison-batch-3")).isInstanceOf(Result.Ok.class);
    assertThat(runtime.todoService().get("poison-batch-4")).isInstanceOf(Result.Ok.class);
  }

  @Test
  void aPacedWriterCloseToItsTimeoutWritesOnlyItsFirstSliceAndSendsTheRestBack() {
    AwsRuntime paced = new LocalStack(Map.of("WRITES_PER_SECOND", "1")).runtime(); // slices of one row
    SQSEvent batch = EventLoader.loadSQSEvent("events/sqs-batch-with-poison.json");
    // the invocation's first look at its time leaves it 60 s; every later one finds 9 s: no slice after the first
    AtomicInteger looks = new AtomicInteger();
    SQSBatchResponse response = new SqsToDynamo(paced.rowWriter()).handleRequest(batch,
        Contexts.remaining(() -> looks.getAndIncrement() == 0 ? 60_000 : 9_000));

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactlyInAnyOrder("m-good-1", "m-poison", "m-good-2"); // m-good-1's second row is left too
    assertThat(paced.todoService().get("poison-batch-2")).isInstanceOf(Result.Ok.class);
    assertThat(paced.todoService().get("poison-batch-3")).isInstanceOf(Result.NotFound.class);
    assertThat(paced.todoService().get("poison-batch-4")).isInstanceOf(Result.NotFound.class);
    assertThat(SqsToDynamo.margin(60_000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(SqsToDynamo.margin(8_000)).as("a short timeout keeps three quarters for writing").isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anImportThatRunsOutOfTimeContinuesInAFreshInvocationWithExactCounts() {
    LocalStack small = new LocalStack(Map.of("MAX_MESSAGE_BYTES", "2048", "SEND_MESSAGES_PER_CALL", "2"));
    AwsRuntime smallRuntime = small.runtime();
    StringBuilder csv = new StringBuilder("name,completed\n");
    for (int i = 1; i <= 300; i++) {
      csv.append("row ").append(i).append(',').append(i % 50 == 0 ? "never" : "true").append('\n');
    }
    String key = "import/long run.csv";
    var put = small.s3.putObject(r -> r.bucket(LocalStack.BUCKET).key(key), RequestBody.fromString(csv.toString()));
    S3Event event = EventLoader.loadS3Event("events/s3-put-unicode-key.json");
    event.getRecords().set(0, withKey(event, "import/long+run.csv", put.eTag().replace("\"", "")));

    // every invocation gets two sends before its time runs short
    AtomicInteger calls = new AtomicInteger();
    Context shortOfTime = Contexts.remaining(() -> calls.incrementAndGet() % 3 == 0 ? 500 : 60_000);
    new S3ToSqs(smallRuntime.importService(), Duration.ofSeconds(1)).handleRequest(event, shortOfTime);
    ImportContinuation continuation = new ImportContinuation(smallRuntime.importService(), Duration.ofSeconds(1));
    int invocations = 1;
    SQSEvent next;
    while (!(next = small.drain(small.controlQueueUrl)).getRecords().isEmpty()) {
      assertThat(next.getRecords()).hasSize(1);
      assertThat(continuation.handleRequest(next, shortOfTime).getBatchItemFailures()).isEmpty();
      invocations++;
    }
    SqsToDynamo writer = new SqsToDynamo(smallRuntime.rowWriter());
    for (SQSEvent batch : LocalStack.batchesOfTen(small.drain(small.queueUrl))) {
      assertThat(writer.handleRequest(batch, Contexts.plenty()).getBatchItemFailures()).isEmpty();
    }

    assertThat(invocations).isGreaterThan(3);
    ImportRecord record = smallRuntime.journal().find(ImportId.of(ObjectRef.of(LocalStack.BUCKET, key, put.eTag()))).orElseThrow();
    assertThat(record.progress().rowsRead()).isEqualTo(300);
    assertThat(record.progress().rowsRejected()).isEqualTo(6);
    assertThat(record.rowsWritten()).isEqualTo(294);
    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(small.s3.getObjectAsBytes(r -> r.bucket(LocalStack.BUCKET).key("import-errors/long run.csv.errors.csv"))
        .asString(StandardCharsets.UTF_8).lines()).hasSize(7);
    List<Todo> all = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Page<Todo> page = ((Result.Ok<Page<Todo>>) smallRuntime.todoService().list(Optional.of("100"), token)).value();
      all.addAll(page.items());
      token = page.nextToken();
    } while (token.isPresent());
    assertThat(all).hasSize(294).extracting(Todo::todoId).doesNotHaveDuplicates();
  }

  private static com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord withKey(
      S3Event event, String encodedKey, String eTag) {
    var r = event.getRecords().get(0);
    var o = r.getS3().getObject();
    var object = new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity(
        encodedKey, o.getSizeAsLong(), eTag, o.getVersionId(), o.getSequencer());
    var entity = new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity(
        r.getS3().getConfigurationId(), r.getS3().getBucket(), object, r.getS3().getS3SchemaVersion());
    return new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord(
        r.getAwsRegion(), r.getEventName(), r.getEventSource(), r.getEventTime().toString(), r.getEventVersion(),
        r.getRequestParameters(), r.getResponseElements(), entity, r.getUserIdentity());
  }

  private static List<Todo> todos() {
    return ((Result.Ok<Page<Todo>>) runtime.todoService().list(Optional.of("100"), Optional.empty())).value().items();
  }
}
