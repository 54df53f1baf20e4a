package dev.todo.local.dynamodb;

import java.util.Optional;

/** Fault injection in front of DynamoDB, through the local cloud's proxy: a table down, batch writes throttled. */
public final class DynamoDbFaults {

  private final Optional<DynamoDbProxy> proxy;
  private final boolean enabled;
  private final String todoTable;

  public DynamoDbFaults(Optional<DynamoDbProxy> proxy, boolean enabled, String todoTable) {
    this.proxy = proxy;
    this.enabled = enabled;
    this.todoTable = todoTable;
  }

  /** DynamoDB answers every write of the functions to the todo table with a 500 while {@code down}. */
  public void todoTableDown(boolean down) {
    if (!enabled) {
      throw new IllegalStateException("start the cloud with dynamoDbFaults() to inject faults");
    }
    proxy.orElseThrow().down(down ? Optional.of(todoTable) : Optional.empty());
  }

  /** How many batch writes the proxy has answered as throttled (see {@code Options.throttleBatchWrites}). */
  public long throttledBatchWrites() {
    return proxy.map(DynamoDbProxy::throttled).orElse(0L);
  }
}
