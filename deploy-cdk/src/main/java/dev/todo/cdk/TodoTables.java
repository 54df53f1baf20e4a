package dev.todo.cdk;

import dev.todo.aws.StackLayout;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/** The stack's two tables, as {@link StackLayout} names their keys, indexes and streams; both kept if the stack goes. */
final class TodoTables {

  private TodoTables() {
  }

  static Table todos(Construct scope) {
    // every committed change, with the item before and after it: the seed's events come from here (TodoStream)
    return Table.Builder.create(scope, "TodoTable")
        .partitionKey(Attribute.builder().name(StackLayout.TODO_KEY).type(AttributeType.STRING).build())
        .stream(StreamViewType.valueOf(StackLayout.TODO_STREAM_VIEW))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .deletionProtection(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  static Table journal(Construct scope) {
    // one item per import and one marker item per written message, both under the import's id (DynamoDbImportJournal)
    // its stream (keys only) tells JournalStream which imports changed, to announce those that ended
    Table journal = Table.Builder.create(scope, "ImportJournal")
        .partitionKey(Attribute.builder().name(StackLayout.JOURNAL_KEY).type(AttributeType.STRING).build())
        .stream(StreamViewType.valueOf(StackLayout.JOURNAL_STREAM_VIEW))
        .sortKey(Attribute.builder().name(StackLayout.JOURNAL_SORT_KEY).type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .deletionProtection(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    // GET /imports lists them newest first, all or those of one object key (DynamoDbImportJournal.list)
    for (String[] index : List.of(new String[] {StackLayout.JOURNAL_BY_START, StackLayout.JOURNAL_KIND},
        new String[] {StackLayout.JOURNAL_BY_KEY, StackLayout.JOURNAL_OBJECT_KEY})) {
      journal.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(index[0])
          .partitionKey(Attribute.builder().name(index[1]).type(AttributeType.STRING).build())
          .sortKey(Attribute.builder().name(StackLayout.JOURNAL_STARTED_AT).type(AttributeType.NUMBER).build())
          .projectionType(ProjectionType.KEYS_ONLY).build());
    }
    return journal;
  }
}
