package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.TodoEvent;
import dev.todo.ports.TodoEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link TodoEvents} must do; an adapter's test extends this and says how to read the bus back. */
public abstract class TodoEventsContract {

  protected abstract TodoEvents events();

  /** Every event the bus has received so far, in any order. */
  protected abstract List<TodoEvent> received() throws Exception;

  @Test
  void publishesOneEventWithItsTypeAndDetail() throws Exception {
    TodoEvent created = event("e1", TodoEvent.Type.TODO_CREATED, Map.of("todoId", "t1", "name", "Buy milk", "completed", false));
    events().publish(List.of(created));
    assertThat(received()).containsExactly(created);
  }

  @Test
  void publishesMoreEventsThanOneCallTakes() throws Exception {
    List<TodoEvent> many = new ArrayList<>();
    for (int i = 0; i < 21; i++) { // three PutEvents calls of at most 10
      many.add(event("e" + i, i % 3 == 0 ? TodoEvent.Type.TODO_DELETED : TodoEvent.Type.TODO_CREATED,
          Map.of("todoId", "t" + i, "name", "task " + i, "completed", i % 2 == 0, "createdAt", 1_700_000_000_000L + i)));
    }
    events().publish(many);
    assertThat(received()).containsExactlyInAnyOrderElementsOf(many);
  }

  @Test
  void publishingNothingIsNoCall() throws Exception {
    events().publish(List.of());
    assertThat(received()).isEmpty();
  }

  @Test
  void keepsUnicodeAndNestedDetailIntact() throws Exception {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("importId", "i-1");
    detail.put("status", "COMPLETED_WITH_ERRORS");
    detail.put("name", "Ünïcödé ✓ \"quoted\", comma\nnewline 🚀");
    detail.put("rows", Map.of("read", 12, "written", 10)); // as JSON reads them back: ints where they fit
    TodoEvent event = event("u", TodoEvent.Type.IMPORT_COMPLETED, detail);
    events().publish(List.of(event));
    assertThat(received()).containsExactly(event);
  }

  private static TodoEvent event(String id, TodoEvent.Type type, Map<String, Object> detail) {
    return new TodoEvent(id, type, detail);
  }
}
