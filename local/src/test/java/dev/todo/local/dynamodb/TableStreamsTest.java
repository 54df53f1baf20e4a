package dev.todo.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

class TableStreamsTest {

  private static final TableStreams.Streamed TODOS = new TableStreams.Streamed("todos", List.of("todoId"), "NEW_AND_OLD_IMAGES", null);

  /**
   * Two writers' batch writes of 25 different todos each go through the proxy side by side: they wait on each other
   * only where two of their keys share a lock stripe. With 64 stripes every pair of batches did (the imports with the
   * event path on wrote one request at a time); now about one pair in seven does.
   */
  @Test
  void twoBatchWritesOfDifferentKeysSeldomShareALock() {
    int pairs = 1_000;
    int sharing = 0;
    for (int pair = 0; pair < pairs; pair++) {
      SortedSet<Integer> first = TableStreams.stripesOf(Map.of(TODOS, keys(pair * 50, 25)));
      SortedSet<Integer> second = TableStreams.stripesOf(Map.of(TODOS, keys(pair * 50 + 25, 25)));
      Set<Integer> both = new HashSet<>(first);
      both.retainAll(second);
      sharing += both.isEmpty() ? 0 : 1;
    }
    assertThat(sharing).as("pairs of batches that share a stripe, of " + pairs).isLessThan(pairs / 4);
  }

  @Test
  void oneKeyIsAlwaysOneStripeAndTheStripesComeInOrder() {
    List<ObjectNode> keys = keys(0, 25);
    List<Integer> stripes = new ArrayList<>(TableStreams.stripesOf(Map.of(TODOS, keys)));
    assertThat(stripes).isEqualTo(new ArrayList<>(TableStreams.stripesOf(Map.of(TODOS, keys(0, 25))))).isSorted()
        .hasSizeBetween(20, 25).allMatch(s -> s >= 0 && s < TableStreams.STRIPES);
  }

  private static List<ObjectNode> keys(int from, int count) {
    List<ObjectNode> keys = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      ObjectNode key = JsonNodeFactory.instance.objectNode();
      key.putObject("todoId").put("S", String.format("T-%09d", i));
      keys.add(key);
    }
    return keys;
  }
}
