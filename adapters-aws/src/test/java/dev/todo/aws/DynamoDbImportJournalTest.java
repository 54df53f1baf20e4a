package dev.todo.aws;

import dev.todo.ports.ImportJournal;
import dev.todo.ports.contract.ImportJournalContract;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbImportJournalTest extends ImportJournalContract {

  private static DynamoDbImportJournal journal;

  @BeforeAll
  static void table() {
    DynamoDbClient dynamoDb = LocalAws.clients().dynamoDb();
    String table = LocalAws.unique("imports");
    Provisioning.createImportsTable(dynamoDb, table);
    journal = new DynamoDbImportJournal(dynamoDb, table);
  }

  @Override
  protected ImportJournal journal() {
    return journal;
  }
}
