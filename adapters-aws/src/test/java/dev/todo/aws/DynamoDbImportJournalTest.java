package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.contract.ImportJournalContract;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ParameterizedClass(name = "on {0}")
@EnumSource(AwsTarget.class)
class DynamoDbImportJournalTest extends ImportJournalContract {

  @Parameter
  AwsTarget target; // the servers this run is against: the local ones, then moto

  private static DynamoDbImportJournal journal;
  private static DynamoDbClient dynamoDb;
  private static String table;

  @BeforeParameterizedClassInvocation
  static void table(AwsTarget target) {
    dynamoDb = target.clients().dynamoDb();
    table = LocalAws.unique("imports");
    TableProvisioning.createImportsTable(dynamoDb, table);
    journal = new DynamoDbImportJournal(dynamoDb, table);
  }

  @Override
  protected ImportJournal journal() {
    return journal;
  }

  /** What moto shows a query while an UpdateItem makes a marker: its keys, not yet its count. */
  @Test
  void aMarkerWithoutItsCountYetIsNotCounted() {
    ImportRecord r = journal.begin(ImportRecord.started(ObjectRef.of("imports", "import/" + UUID.randomUUID() + ".csv", "e"), 1));
    journal.recordWritten(r.importId(), r.importId() + ":2", 10, 2_000);
    dynamoDb.putItem(p -> p.tableName(table).item(Map.of(StackLayout.JOURNAL_KEY, AttributeValue.fromS(r.importId().value()),
        StackLayout.JOURNAL_SORT_KEY, AttributeValue.fromS("written#" + r.importId() + ":12"))));

    assertThat(journal.find(r.importId()).orElseThrow().rowsWritten()).isEqualTo(10);
  }

  @Test
  void aCloudThatStartsWithNoRunAliveGivesUpEveryStandingClaimAndNoOther() {
    long now = 6_000_000_000_000L; // after every other test's claims
    ImportId reading = begun();
    journal.claimProducer(reading, "died-with-the-last-run", now - 1_000, now + 59_000);
    ImportId runOut = begun();
    journal.claimProducer(runOut, "died-long-ago", now - 120_000, now - 60_000);
    ImportId read = begun();
    journal.claimProducer(read, "finished", now - 1_000, now + 59_000);
    journal.finishProducer(read, new ImportProgress(1, 1, 0), Optional.empty(), now - 500);

    assertThat(journal.releaseEveryClaim(now)).contains(reading).doesNotContain(runOut, read);

    assertThat(journal.claimProducer(reading, "after-the-restart", now + 1, now + 60_001))
        .isInstanceOf(ImportJournal.Claim.Claimed.class);
    assertThat(journal.claimProducer(read, "after-the-restart", now + 1, now + 60_001)).isInstanceOf(ImportJournal.Claim.Over.class);
  }

  private static ImportId begun() {
    return journal.begin(ImportRecord.started(ObjectRef.of("imports", "import/" + UUID.randomUUID() + ".csv", "e"), 1)).importId();
  }
}
