package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A write about to touch these keys of a streamed table, and (imaged streams) what they held before it, by key. */
record WriteIntent(long id, List<ObjectNode> keys, Map<String, JsonNode> before) {
}
