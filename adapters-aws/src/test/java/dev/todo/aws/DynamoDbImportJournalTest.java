package dev.todo.aws;

import dev.todo.ports.ImportJournal;
import dev.todo.ports.contract.ImportJournalContract;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ParameterizedClass(name = "on {0}")
@EnumSource(AwsTarget.class)
class DynamoDbImportJournalTest extends ImportJournalContract {

  @Parameter
  AwsTarget target; // the servers this run is against: the local ones, then moto

  private static DynamoDbImportJournal journal;

  @BeforeParameterizedClassInvocation
  static void table(AwsTarget target) {
    DynamoDbClient dynamoDb = target.clients().dynamoDb();
    String table = LocalAws.unique("imports");
    TableProvisioning.createImportsTable(dynamoDb, table);
    journal = new DynamoDbImportJournal(dynamoDb, table);
  }

  @Override
  protected ImportJournal journal() {
    return journal;
  }
}
