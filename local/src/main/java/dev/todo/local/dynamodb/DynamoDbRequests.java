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

  /** An item a write puts, or the key of one it updates or deletes, in a table. */
  record Written(String table, JsonNode itemOrKey) {
  }

  /**
   * What a write request writes, in its order: every item or key ({@code puts} true), or only the keys a batch or a
   * transaction deletes.
   */
  static List<Written> written(String operation, JsonNode request, boolean puts) {
    List<Written> written = new ArrayList<>();
    switch (operation) {
      case "PutItem" -> written.add(new Written(request.path("TableName").asText(), request.path("Item")));
      case "UpdateItem", "DeleteItem" -> written.add(new Written(request.path("TableName").asText(), request.path("Key")));
      case "BatchWriteItem" -> request.path("RequestItems").fields().forEachRemaining(table -> {
        for (JsonNode write : table.getValue()) {
          if (write.has("DeleteRequest")) {
            written.add(new Written(table.getKey(), write.path("DeleteRequest").path("Key")));
          } else if (puts) {
            written.add(new Written(table.getKey(), write.path("PutRequest").path("Item")));
          }
        }
      });
      case "TransactWriteItems" -> {
        for (JsonNode item : request.path("TransactItems")) {
          if (puts && item.has("Put")) {
            written.add(new Written(item.path("Put").path("TableName").asText(), item.path("Put").path("Item")));
          }
          for (String kind : puts ? List.of("Update", "Delete") : List.of("Delete")) {
            if (item.has(kind)) {
              written.add(new Written(item.path(kind).path("TableName").asText(), item.path(kind).path("Key")));
            }
          }
        }
      }
      default -> { }
    }
    return written;
  }
}
