package dev.todo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.aws.AwsClients;
import dev.todo.services.LocalServices;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoDbProxyTest {

  @Test
  void aWriteToATableThatIsNotThereNamesTheTableAsDynamoDbDoes() {
    LocalServices services = LocalServices.shared();
    DynamoDbProxy proxy = new DynamoDbProxy(services.dynamoDbEndpoint(), 0, new TableStreams());
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
}
