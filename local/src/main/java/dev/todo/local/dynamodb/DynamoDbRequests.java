package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** What the local DynamoDB stand-ins read from a request of DynamoDB's JSON protocol: its tables, whether it writes. */
public final class DynamoDbRequests {

  static final ObjectMapper JSON = new ObjectMapper();

  private DynamoDbRequests() {
  }

  /** The tables a request names: its {@code TableName}, a batch's {@code RequestItems}, a transaction's items. */
  static List<String> tablesOf(JsonNode request) {
    List<String> tables = new ArrayList<>();
    if (request.has("TableName")) {
      tables.add(request.path("TableName").asText());
    }
    request.path("RequestItems").fieldNames().forEachRemaining(tables::add);
    tables.addAll(request.path("TransactItems").findValuesAsText("TableName"));
    return tables;
  }

  /** Whether the operation (its name without the {@code DynamoDB_20120810.} prefix) writes items. */
  static boolean isWrite(String operation) {
    return switch (operation) {
      case "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems" -> true;
      default -> false;
    };
  }
}
