package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One record of a table's stream: its id, INSERT, MODIFY or REMOVE, and the {@code dynamodb} part AWS sends. */
public record StreamRecord(String eventId, String eventName, ObjectNode dynamodb) {

  /** The number the stream gave the record; records are delivered in its order. */
  public String sequenceNumber() {
    return dynamodb.path("SequenceNumber").asText();
  }
}
