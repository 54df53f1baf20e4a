package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The import's scenarios of every day: bad rows reported, error reports fixed and uploaded again, the listing, the
 * single writer's order, hostile files, a poison message, the table down and a redrive, odd keys and empty files.
 */
abstract class ImportPipelineScenarios extends PipelineScenarios {

  @Test
  void anUploadLandsInTheTableWithItsBadRowsReported() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/todos.csv", ("todoId,name,completed,createdAt,project\n"
        + ",Buy milk,false,,home\n"
        + "T-7,\"Call the plumber, again\",yes,2026-01-05T09:30:00Z,home\n"
        + ",Plan offsite,maybe,,work\n"
        + ",,true,,home\n"
        + ",\"Fix the gutter\n(front and back)\",1,1767225600000,home\n").getBytes(StandardCharsets.UTF_8));

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(60));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(record.progress().rowsRead()).isEqualTo(5);
    assertThat(record.progress().rowsQueued()).isEqualTo(3);
    assertThat(record.rowsWritten()).isEqualTo(3);
    assertThat(record.progress().rowsRejected()).isEqualTo(2);
    Map<String, JsonNode> todos = todosById(cloud);
    ImportId id = ImportId.of(ref);
    assertThat(todos.keySet()).containsExactlyInAnyOrder(id.todoIdForLine(2), "T-7", id.todoIdForLine(6));
    JsonNode plumber = todos.get("T-7");
    assertThat(plumber.get("name").asText()).isEqualTo("Call the plumber, again");
    assertThat(plumber.get("completed").asBoolean()).isTrue();
    assertThat(plumber.get("createdAt").asLong()).isEqualTo(1_767_605_400_000L);
    assertThat(plumber.get("project").asText()).isEqualTo("home");
    assertThat(todos.get(id.todoIdForLine(6)).get("name").asText()).isEqualTo("Fix the gutter\n(front and back)");
    assertThat(todos.get(id.todoIdForLine(2)).get("createdAt").asLong()).isEqualTo(record.startedAt());
    assertThat(errorReport(cloud, ref)).isEqualTo("line,column,reason,todoId,name,completed,createdAt,project\n"
        + "4,completed,\"'maybe' is not a boolean (use true/false, yes/no or 1/0)\",,Plan offsite,maybe,,work\n"
        + "5,name,name is required and must not be blank,,,true,,home\n");
    JsonNode status = get(cloud, "/imports/" + id.value());
    assertThat(status.get("status").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
    assertThat(status.get("errorReport").asText()).endsWith("/import-errors/todos.csv.errors.csv");
  }

  @Test
  void anErrorReportFixedAndUploadedAgainImportsItsRows() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef first = upload(cloud, "import/to-fix.csv", ("name,completed,project\n"
        + "fine,no,home\n"
        + "\"Plan, offsite\",maybe,work\n"
        + ",true,home\n").getBytes(StandardCharsets.UTF_8));
    assertThat(awaitFinished(cloud, first, Duration.ofSeconds(60)).status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);

    String fixed = errorReport(cloud, first).replace(",maybe,", ",yes,").replace(",,true,", ",Water the plants,true,");
    ObjectRef again = upload(cloud, "import/fixed.csv", fixed.getBytes(StandardCharsets.UTF_8));
    ImportRecord record = awaitFinished(cloud, again, Duration.ofSeconds(60));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(record.rowsWritten()).isEqualTo(2);
    Map<String, JsonNode> todos = todosById(cloud);
    ImportId id = ImportId.of(again);
    assertThat(todos.get(id.todoIdForLine(2)).get("name").asText()).isEqualTo("Plan, offsite");
    assertThat(todos.get(id.todoIdForLine(2)).get("completed").asBoolean()).isTrue();
    assertThat(todos.get(id.todoIdForLine(3)).get("name").asText()).isEqualTo("Water the plants");
    assertThat(todos.get(id.todoIdForLine(3)).get("project").asText()).isEqualTo("home");
    assertThat(todos.get(id.todoIdForLine(3)).has("reason")).isFalse(); // the report's own columns are not attributes
    assertThat(todos.get(id.todoIdForLine(3)).has("line")).isFalse();
  }

  @Test
  void importsAreListedNewestFirstAndFoundByTheirKey() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef first = upload(cloud, "import/weekly.csv", csv(3).getBytes(StandardCharsets.UTF_8));
    awaitFinished(cloud, first, Duration.ofSeconds(60));
    ObjectRef other = upload(cloud, "import/other.csv", csv(2).getBytes(StandardCharsets.UTF_8));
    awaitFinished(cloud, other, Duration.ofSeconds(60));
    ObjectRef second = upload(cloud, "import/weekly.csv", csv(4).getBytes(StandardCharsets.UTF_8)); // the same key again
    awaitFinished(cloud, second, Duration.ofSeconds(60));

    JsonNode all = get(cloud, "/imports?limit=2");
    assertThat(all.get("items")).extracting(i -> i.get("importId").asText())
        .containsExactly(ImportId.of(second).value(), ImportId.of(other).value());
    JsonNode rest = get(cloud, "/imports?limit=2&next_token=" + all.get("nextToken").asText());
    assertThat(rest.get("items")).extracting(i -> i.get("importId").asText()).containsExactly(ImportId.of(first).value());
    JsonNode weekly = get(cloud, "/imports?key=import/weekly.csv");
    assertThat(weekly.get("items")).extracting(i -> i.get("importId").asText())
        .containsExactly(ImportId.of(second).value(), ImportId.of(first).value());
    assertThat(weekly.get("items").get(0).get("rowsWritten").asLong()).isEqualTo(4);
    assertThat(weekly.get("items").get(0).get("source").get("key").asText()).isEqualTo("import/weekly.csv");
  }

  @Test
  void aSingleWriterKeepsTheFilesOrderThroughRedeliverySoTheLastRowOfEachTodoWins() throws Exception {
    // the writer's container dies after writing its first batch, before deleting it: the batch comes back later
    LocalCloud cloud = cloud(o -> o.singleWriter().consumerCrashes(1).visibilityTimeout(Duration.ofSeconds(2)).batchSize(2)
        .maxMessageBytes(1024));
    assertThat(cloud.queueUrl()).endsWith(".fifo");
    StringBuilder csv = new StringBuilder("todoId,name,updatedAt\n");
    for (int i = 1; i <= 1_500; i++) { // ten todos, each named again and again: the file's last row must win
      csv.append("T-").append(i % 10).append(",version ").append(i).append(',').append(i).append('\n');
    }
    ObjectRef ref = upload(cloud, "import/in-order.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

    ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(120));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(record.rowsWritten()).isEqualTo(1_500);
    Map<String, JsonNode> todos = todosById(cloud);
    assertThat(todos).hasSize(10);
    for (int t = 0; t < 10; t++) {
      int last = 1_490 + (t == 0 ? 10 : t);
      assertThat(todos.get("T-" + t).get("name").asText()).as("T-" + t).isEqualTo("version " + last);
    }
  }

  @Test
  void tsvSemicolonsHeaderlessZstdAndJsonLinesFilesImportWithTheirBadRowsReportedByLine() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ByteArrayOutputStream zstd = new ByteArrayOutputStream();
    try (io.airlift.compress.zstd.ZstdOutputStream out = new io.airlift.compress.zstd.ZstdOutputStream(zstd)) {
      out.write("name\tcompleted\n\"a\ttab\"\ttrue\n\tfalse\nthird, with; others\tno\n".getBytes(StandardCharsets.UTF_8));
    }
    record File(String key, byte[] content, Map<String, String> metadata, String firstName, String reportLine) {
    }
    List<File> files = List.of(
        new File("import/by-extension.tsv", "name\tcompleted\n\"a\ttab\"\ttrue\n\tfalse\nthird, with; others\tno\n"
            .getBytes(StandardCharsets.UTF_8), Map.of(), "a\ttab", "3,name,"),
        new File("import/semicolons.txt", "\uFEFFname;completed;Zeit\r\n\"a;b\";yes;früh\r\nc;maybe;spät\r\nd;no;\r\n"
            .getBytes(StandardCharsets.UTF_8), Map.of("delimiter", ";"), "a;b", "3,completed,"),
        new File("import/no-header.csv", "milk,true\n,false\nbread,no\n".getBytes(StandardCharsets.UTF_8),
            Map.of("header", "name,completed"), "milk", "2,name,"),
        new File("import/compressed.tsv.zst", zstd.toByteArray(), Map.of(), "a\ttab", "3,name,"),
        new File("import/lines.jsonl", "{\"name\":\"j1\",\"completed\":true}\n\n{\"name\":\"j2\",\"priority\":3}\n{\"name\":\"j3\"}\n"
            .getBytes(StandardCharsets.UTF_8), Map.of(), "j1", "3,priority,"));
    for (File file : files) {
      String eTag = cloud.s3().putObject(r -> r.bucket(cloud.bucket()).key(file.key()).metadata(file.metadata()),
          software.amazon.awssdk.core.sync.RequestBody.fromBytes(file.content())).eTag();
      ObjectRef ref = ObjectRef.of(cloud.bucket(), file.key(), eTag);
      ImportRecord record = awaitFinished(cloud, ref, Duration.ofSeconds(60));
      assertThat(record.status()).as(file.key()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
      assertThat(record.rowsWritten()).as(file.key()).isEqualTo(2);
      assertThat(record.progress().rowsRejected()).as(file.key()).isEqualTo(1);
      assertThat(errorReport(cloud, ref).lines().skip(1)).as(file.key()).singleElement().asString().startsWith(file.reportLine());
      assertThat(todosById(cloud).values()).as(file.key()).anySatisfy(t -> assertThat(t.get("name").asText()).isEqualTo(file.firstName()));
    }
  }

  @Test
  void hostileFilesEndFailedWithAShortReadableReason() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int mb = 0; mb < 256; mb++) {
        gzip.write(zeros);
      }
    }
    Map<String, byte[]> files = Map.of(
        "import/huge-header.csv", ("a".repeat(5 << 20) + "\nrow\n").getBytes(StandardCharsets.UTF_8),
        "import/nuls.csv", new byte[4096],
        "import/bomb.csv.gz", bomb.toByteArray());
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      ImportRecord record = awaitFinished(cloud, upload(cloud, file.getKey(), file.getValue()), Duration.ofSeconds(90));
      assertThat(record.status()).as(file.getKey()).isEqualTo(ImportStatus.FAILED);
      assertThat(record.failure().orElseThrow()).as(file.getKey()).hasSizeLessThan(600).doesNotContain("\0");
    }
  }

  @Test
  void aPoisonMessageEndsInTheDeadLetterQueueAndTheRestOfItsBatchIsWritten() throws Exception {
    // the visibility timeout must outlast a good batch's write even on a loaded machine: at 1 s, a batch written
    // but not yet deleted came back, was received a second time and went to the dead-letter queue too (seen in CI)
    LocalCloud cloud = cloud(o -> o.maxReceiveCount(2).visibilityTimeout(Duration.ofSeconds(4)).maxMessageBytes(4 * 1024));
    cloud.sqs().sendMessage(r -> r.queueUrl(cloud.queueUrl()).messageBody("{\"v\":1,\"this\":\"is poison\"}"));
    ObjectRef ref = upload(cloud, "import/neighbours.csv", csv(300).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(60));
    List<Message> deadLetters = awaitDeadLetters(cloud, 1, Duration.ofSeconds(30));

    assertExactly(cloud, ref, 300);
    assertThat(deadLetters).extracting(Message::body).containsExactly("{\"v\":1,\"this\":\"is poison\"}");
  }

  @Test
  void rowsDeadLetteredWhileTheTableIsDownArePartOfTheStatusAndARedriveWritesThem() throws Exception {
    LocalCloud cloud = cloud(o -> o.dynamoDbFaults().maxReceiveCount(2).visibilityTimeout(Duration.ofSeconds(1))
        .maxMessageBytes(8 * 1024));
    cloud.faults().todoTableDown(true);
    ObjectRef ref = upload(cloud, "import/while-down.csv", csv(500).getBytes(StandardCharsets.UTF_8));

    ImportRecord partial = awaitFinished(cloud, ref, Duration.ofSeconds(90));

    assertThat(partial.status()).isEqualTo(ImportStatus.PARTIALLY_FAILED);
    assertThat(partial.rowsFailed()).isEqualTo(500);
    assertThat(partial.rowsWritten()).isZero();
    JsonNode status = get(cloud, "/imports/" + ImportId.of(ref).value());
    assertThat(status.get("status").asText()).isEqualTo("PARTIALLY_FAILED");
    assertThat(status.get("rowsFailed").asLong()).isEqualTo(500);

    awaitAllInTheDeadLetterQueue(cloud, Duration.ofSeconds(30)); // the status is counted on the last try, before the move
    cloud.faults().todoTableDown(false);
    int redriven = cloud.redrive();

    assertThat(redriven).isPositive();
    ImportRecord done = await("the redriven rows are written").atMost(Duration.ofSeconds(60))
        .until(() -> cloud.runtime().journal().find(ImportId.of(ref)).orElseThrow(), r -> r.status() == ImportStatus.COMPLETED);
    assertThat(done.rowsFailed()).isZero();
    assertExactly(cloud, ref, 500);
  }

  @Test
  void redriveSendsDeadLettersBackToBeWritten() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/redriven.csv", csv(3).getBytes(StandardCharsets.UTF_8));
    awaitFinished(cloud, ref, Duration.ofSeconds(60));
    String parked = "{\"v\":1,\"importId\":\"parked\",\"rows\":[{\"line\":2,\"todoId\":\"from-the-dlq\","
        + "\"name\":\"parked in the DLQ\",\"completed\":false,\"createdAt\":1,\"updatedAt\":1}]}";
    cloud.sqs().sendMessage(r -> r.queueUrl(cloud.deadLetterQueueUrl()).messageBody(parked));

    assertThat(cloud.redrive()).isEqualTo(1);

    await("the redriven row is written").atMost(Duration.ofSeconds(30)).until(() -> todosById(cloud).containsKey("from-the-dlq"));
    assertThat(todosById(cloud)).hasSize(4);
  }

  @Test
  void aKeyWithSpacesAndUnicode() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef ref = upload(cloud, "import/my todos ✓ März (1).csv", csv(10).getBytes(StandardCharsets.UTF_8));

    awaitFinished(cloud, ref, Duration.ofSeconds(60));

    assertExactly(cloud, ref, 10);
  }

  @Test
  void anEmptyFileAHeaderOnlyFileAndAFileWithoutANameColumn() throws Exception {
    LocalCloud cloud = cloud(o -> o);
    ObjectRef empty = upload(cloud, "import/empty.csv", new byte[0]);
    ObjectRef headerOnly = upload(cloud, "import/header-only.csv", "name,completed\n".getBytes(StandardCharsets.UTF_8));
    ObjectRef noName = upload(cloud, "import/no-name.csv", "title,completed\nx,true\n".getBytes(StandardCharsets.UTF_8));

    ImportRecord emptyRecord = awaitFinished(cloud, empty, Duration.ofSeconds(60));
    ImportRecord headerRecord = awaitFinished(cloud, headerOnly, Duration.ofSeconds(60));
    ImportRecord noNameRecord = awaitFinished(cloud, noName, Duration.ofSeconds(60));

    assertThat(emptyRecord.status()).isEqualTo(ImportStatus.FAILED);
    assertThat(emptyRecord.failure()).contains("the file is empty: a header row with a 'name' column is required");
    assertThat(headerRecord.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(headerRecord.progress().rowsRead()).isZero();
    assertThat(noNameRecord.status()).isEqualTo(ImportStatus.FAILED);
    assertThat(noNameRecord.failure()).contains("the header has no 'name' column (found: title, completed)");
    assertThat(todosById(cloud)).isEmpty();
  }

  // ---- helpers
}
