package dev.todo.aws;

import dev.todo.ports.TodoRepository;
import dev.todo.ports.contract.TodoRepositoryContract;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbTodoRepositoryTest extends TodoRepositoryContract {

  private static DynamoDbTodoRepository repository;

  @BeforeAll
  static void table() {
    DynamoDbClient dynamoDb = LocalAws.clients().dynamoDb();
    String table = LocalAws.unique("todos");
    Provisioning.createTodoTable(dynamoDb, table);
    repository = new DynamoDbTodoRepository(dynamoDb, table, 4, Backoff.DEFAULT);
  }

  @Override
  protected TodoRepository repository() {
    return repository;
  }
}
