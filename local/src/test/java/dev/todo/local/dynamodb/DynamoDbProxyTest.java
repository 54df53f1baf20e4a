package dev.todo.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.aws.AwsClients;
import dev.todo.aws.DynamoDbImportJournal;
import dev.todo.aws.TableProvisioning;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.StackLayout;
import dev.todo.domain.Checkpoint;
import dev.todo.domain.Compression;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.ReadPosition;
import dev.todo.local.LocalCloud;
import dev.todo.ports.ImportJournal;
import dev.todo.services.LocalServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoDbProxyTest {

  @Test
  void aWriteToATableThatIsNotThereNamesTheTableAsDynamoDbDoes() {
    LocalServices services = LocalServices.shared();
    DynamoDbProxy proxy = new DynamoDbProxy(services.dynamoDbEndpoint(), 0, new TableStreams(),
        new LocalIam(StackLayout.named("", Duration.ofSeconds(30), Duration.ofMinutes(15)), "us-east-1"));
    proxy.start();
    try {
      DynamoDbClient dynamoDb = new AwsClients(LocalCloud.endpointsOf(services).withDynamoDb(proxy.endpoint())).dynamoDb();
      assertThatThrownBy(() -> dynamoDb.putItem(r -> r.tableName("no-such-table")
          .item(Map.of("todoId", AttributeValue.fromS("x")))))
          .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Table: no-such-table not found");
      assertThat(dynamoDb.listTables().tableNames()).doesNotContain("no-such-table");
    } finally {
      proxy.close();
    }
  }

  @Test
  void aFunctionsCallThatItsRoleDoesNotAllowIsRefusedAsAwsRefusesIt() {
    LocalServices services = LocalServices.shared();
    StackLayout layout = StackLayout.named("-iam-" + java.util.UUID.randomUUID().toString().substring(0, 8),
        Duration.ofSeconds(30), Duration.ofMinutes(15));
    TableProvisioning.createTodoTable(new AwsClients(LocalCloud.endpointsOf(services)).dynamoDb(), layout.table());
    DynamoDbProxy proxy = new DynamoDbProxy(services.dynamoDbEndpoint(), 0, new TableStreams(),
        new LocalIam(layout, "us-east-1"));
    proxy.start();
    try {
      DynamoDbClient writer = new AwsClients(LocalCloud.endpointsOf(services)
          .withDynamoDb(proxy.endpointFor(ServiceFunction.WRITER.localName()))).dynamoDb();
      DynamoDbClient api = new AwsClients(LocalCloud.endpointsOf(services)
          .withDynamoDb(proxy.endpointFor(ServiceFunction.TODOS_API.localName()))).dynamoDb();
      Map<String, AttributeValue> key = Map.of("todoId", AttributeValue.fromS("t1"));

      writer.updateItem(r -> r.tableName(layout.table()).key(key).updateExpression("SET #n = :n")
          .expressionAttributeNames(Map.of("#n", "name")).expressionAttributeValues(Map.of(":n", AttributeValue.fromS("x"))));
      assertThatThrownBy(() -> writer.scan(r -> r.tableName(layout.table()))) // the writer never lists the table
          .isInstanceOf(DynamoDbException.class).hasMessageContaining("is not authorized to perform: dynamodb:Scan")
          .hasMessageContaining("table/" + layout.table())
          .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
      assertThat(api.scan(r -> r.tableName(layout.table())).count()).isEqualTo(1); // the API's role may
      assertThatThrownBy(() -> api.query(r -> r.tableName(layout.importsTable()).indexName(StackLayout.JOURNAL_BY_START)
          .keyConditionExpression("kind = :k").expressionAttributeValues(Map.of(":k", AttributeValue.fromS("import")))))
          .isInstanceOf(DynamoDbException.class).hasMessageNotContaining("not authorized"); // allowed: no such table here
    } finally {
      proxy.close();
    }
  }

  @Test
  void everyCallTheImporterMakesToTheJournalIsOneItsRoleAllows() {
    LocalServices services = LocalServices.shared();
    StackLayout layout = StackLayout.named("-iam-" + java.util.UUID.randomUUID().toString().substring(0, 8),
        Duration.ofSeconds(30), Duration.ofMinutes(15));
    TableProvisioning.createImportsTable(new AwsClients(LocalCloud.endpointsOf(services)).dynamoDb(), layout.importsTable());
    DynamoDbProxy proxy = new DynamoDbProxy(services.dynamoDbEndpoint(), 0, new TableStreams(),
        new LocalIam(layout, "us-east-1"));
    proxy.start();
    try {
      DynamoDbClient importer = new AwsClients(LocalCloud.endpointsOf(services)
          .withDynamoDb(proxy.endpointFor(ServiceFunction.IMPORTER.localName()))).dynamoDb();
      ImportJournal journal = new DynamoDbImportJournal(importer, layout.importsTable());
      ObjectRef ref = ObjectRef.of("b", "import/granted.csv", "e");
      ImportId id = journal.begin(ImportRecord.started(ref, 1_000)).importId();

      assertThat(journal.claimProducer(id, "a", 1_000, 61_000)).isInstanceOf(ImportJournal.Claim.Claimed.class);
      assertThat(journal.claimProducer(id, "b", 2_000, 62_000)).isInstanceOf(ImportJournal.Claim.Held.class);
      assertThat(journal.recordSending(id, "a", 5, 63_000)).isTrue();
      assertThat(journal.recordProgress(id, "a", new ImportProgress(5, 5, 0), 63_000)).isTrue();
      assertThat(journal.recordPause(id, "a", new Checkpoint(ref, new ReadPosition(7, 70), List.of("name"), Compression.NONE,
          FileFormat.Kind.DELIMITED, ',', new ImportProgress(5, 5, 0)), 64_000)).isTrue();
      journal.releaseProducer(id, "a");
      journal.finishProducer(id, new ImportProgress(9, 9, 0), Optional.empty(), 3_000);
      assertThat(journal.claimProducer(id, "b", 4_000, 64_000)).isInstanceOf(ImportJournal.Claim.Over.class);
      journal.fail(id, "a reason", 5_000);
    } finally {
      proxy.close();
    }
  }
}
