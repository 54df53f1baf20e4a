package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.todo.aws.AwsClients;
import dev.todo.aws.StackLayout;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.DeadLetters;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.local.cli.Banner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code up --data-dir DIR}: the tables (dynalite's LevelDB store) and the bucket outlive the local cloud. */
class DataDirIT {

  @Test
  void tablesJournalAndBucketSurviveARestart(@TempDir Path dataDir) throws Exception {
    List<String> log = new ArrayList<>();
    ObjectRef ref;
    ImportRecord before;
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts().dataDir(dataDir), log::add)) {
      ref = PipelineScenarios.upload(cloud, "import/kept.csv",
          "todoId,name\nK-1,Kept across restarts\nK-2,Also kept\n".getBytes(StandardCharsets.UTF_8));
      before = PipelineScenarios.awaitFinished(cloud, ref, Duration.ofSeconds(60));
      assertThat(before.status()).isEqualTo(ImportStatus.COMPLETED);
      assertThat(Banner.lines(cloud, Optional.of(dataDir), dataDir.resolve("logs/functions.log")))
          .anyMatch(l -> l.contains("import samples/todos.csv --data-dir " + dataDir));
    }
    assertThat(dataDir.resolve("dynamodb")).isDirectoryContaining(p -> Files.isRegularFile(p));

    try (LocalCloud again = LocalCloud.start(Options.defaults().anyFreePorts().dataDir(dataDir), log::add)) {
      assertThat(PipelineScenarios.todosById(again)).containsOnlyKeys("K-1", "K-2");
      assertThat(again.runtime().journal().find(before.importId())).contains(before);
      assertThat(again.s3().getObjectAsBytes(r -> r.bucket(again.bucket()).key("import/kept.csv")).asUtf8String())
          .startsWith("todoId,name");
    }
  }

  @Test
  void anImportWhoseReaderDiedWithTheLastCloudIsReadOnAtOnceAfterTheRestart(@TempDir Path dataDir) throws Exception {
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    ObjectRef ref;
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts().dataDir(dataDir), log::add)) {
      ref = PipelineScenarios.upload(cloud, "import/reader-died.csv", PipelineScenarios.csv(500).getBytes(StandardCharsets.UTF_8));
      PipelineScenarios.awaitFinished(cloud, ref, Duration.ofSeconds(60));
      // the journal as a kill -9 in the middle of the reading leaves it: a run's claim standing, the reading not over
      new AwsClients(cloud.endpoints()).dynamoDb().updateItem(r -> r.tableName(cloud.layout().importsTable())
          .key(Map.of(StackLayout.JOURNAL_KEY, AttributeValue.fromS(ImportId.of(ref).value()),
              StackLayout.JOURNAL_SORT_KEY, AttributeValue.fromS("import")))
          .updateExpression("REMOVE producerFinishedAt SET producerRun = :run, producerUntil = :until")
          .expressionAttributeValues(Map.of(":run", AttributeValue.fromS("killed"),
              ":until", AttributeValue.fromN(Long.toString(System.currentTimeMillis() + Duration.ofMinutes(10).toMillis())))));
    }

    try (LocalCloud again = LocalCloud.start(Options.defaults().anyFreePorts().dataDir(dataDir), log::add)) {
      // its claim would stand for ten more minutes; the new cloud knows no run of the last one is alive
      ImportRecord done = PipelineScenarios.awaitFinished(again, ref, Duration.ofSeconds(30));
      assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
      assertThat(done.rowsWritten()).isEqualTo(500);
      assertThat(log).contains("import " + ImportId.of(ref) + ": its reading stopped with the last run, and goes on now");
    }
  }

  @Test
  void keysInSubFoldersAndFolderMarkersDoNotStopTheNotifications(@TempDir Path dataDir) throws Exception {
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts().dataDir(dataDir), line -> { })) {
      ObjectRef a = PipelineScenarios.upload(cloud, "import/a.csv", "name\nfrom a\n".getBytes(StandardCharsets.UTF_8));
      cloud.s3().putObject(r -> r.bucket(cloud.bucket()).key("import/folder/"), RequestBody.empty());
      ObjectRef b = PipelineScenarios.upload(cloud, "import/sub/b.csv", "name\nfrom b\n".getBytes(StandardCharsets.UTF_8));
      ObjectRef c = PipelineScenarios.upload(cloud, "import/c.csv", "name\nfrom c\n".getBytes(StandardCharsets.UTF_8));
      for (ObjectRef ref : List.of(a, b, c)) {
        assertThat(PipelineScenarios.awaitFinished(cloud, ref, Duration.ofSeconds(30)).status())
            .as(ref.key()).isEqualTo(ImportStatus.COMPLETED);
      }
      assertThat(PipelineScenarios.todosById(cloud)).hasSize(3);
    }
  }

  @Test
  void aMessageMovedOutOfADeadLetterQueueAndDeletedStaysGoneAfterARestartWithChangedFlags(@TempDir Path dataDir) throws Exception {
    String dlq;
    String target;
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts().dataDir(dataDir), line -> { })) {
      dlq = cloud.sqs().createQueue(r -> r.queueName("moved-dlq")).queueUrl();
      String dlqArn = cloud.sqs().getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      target = cloud.sqs().createQueue(r -> r.queueName("moved").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1",
          QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
      cloud.sqs().sendMessage(r -> r.queueUrl(target).messageBody("dead letter"));
      assertThat(cloud.sqs().receiveMessage(r -> r.queueUrl(target).waitTimeSeconds(1)).messages()).hasSize(1); // not deleted
      // once its visibility timeout is over, the next receive finds it over its receive count: SQS moves it
      await("SQS moves the message to its dead-letter queue").atMost(Duration.ofSeconds(10))
          .until(() -> cloud.sqs().receiveMessage(r -> r.queueUrl(target).waitTimeSeconds(1)).messages().isEmpty()
              && depth(cloud.sqs(), dlq) == 1);
      assertThat(DeadLetters.moveAll(cloud.sqs(), dlq, target)).isEqualTo(1);
      var received = cloud.sqs().receiveMessage(r -> r.queueUrl(target).waitTimeSeconds(2)).messages();
      assertThat(received).hasSize(1);
      cloud.sqs().deleteMessage(r -> r.queueUrl(target).receiptHandle(received.get(0).receiptHandle()));
    }
    // started again with another flag: the stored queues take it, and nothing comes back (ElasticMQ alone brought the
    // message SQS moved back into "moved": see DeadLetterMoves)
    try (LocalCloud again = LocalCloud.start(Options.defaults().anyFreePorts().dataDir(dataDir).maxReceiveCount(3), line -> { })) {
      for (String name : List.of("moved-dlq", "moved")) { // neither visible nor in flight nor delayed: not there at all
        assertThat(depth(again.sqs(), again.sqs().getQueueUrl(r -> r.queueName(name)).queueUrl())).as(name).isZero();
      }
      assertThat(again.sqs().getQueueAttributes(r -> r.queueUrl(again.queueUrl()).attributeNames(QueueAttributeName.REDRIVE_POLICY))
          .attributes().get(QueueAttributeName.REDRIVE_POLICY)).contains("\"maxReceiveCount\":3");
    }
  }

  /** Every message the queue holds: visible, in flight or delayed. */
  private static long depth(software.amazon.awssdk.services.sqs.SqsClient sqs, String url) {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
  }
}
