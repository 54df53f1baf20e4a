package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TodoChangeTest {

  private static final Todo OPEN = new Todo("t1", "Buy milk", false, 1_000, 1_000, Map.of("project", "home"));
  private static final Todo DONE = new Todo("t1", "Buy milk", true, 1_000, 2_000, Map.of("project", "home"));

  @Test
  void anInsertIsTodoCreatedWithTheTodoAsItsDetail() {
    TodoEvent event = new TodoChange("c1", Optional.empty(), Optional.of(OPEN)).event().orElseThrow();
    assertThat(event.type().detailType()).isEqualTo("todoCreated");
    assertThat(event.eventId()).isEqualTo("c1");
    assertThat(event.detail()).containsEntry("todoId", "t1").containsEntry("name", "Buy milk").containsEntry("completed", false)
        .containsEntry("createdAt", 1_000L).containsEntry("updatedAt", 1_000L).containsEntry("project", "home")
        .doesNotContainKey("eventId");
    assertThat(event.busDetail()).containsEntry("eventId", "c1");
    assertThat(TodoEvent.fromBus("todoCreated", event.busDetail())).isEqualTo(event);
  }

  @Test
  void aTodoTooLargeForAnEventIsAnnouncedWithItsOwnFieldsAndSaysWhatItLeftOut() throws Exception {
    Map<String, String> big = new java.util.HashMap<>();
    for (int i = 0; i < 10; i++) {
      big.put("note" + i, "\"é\n".repeat(7_400)); // 296 KB of UTF-8 in all, half as much again escaped in JSON
    }
    big.put(Todo.IMPORT_ID, "imp-1");
    Todo huge = new Todo("t9", "Large", false, 1, 2, big, 3);
    assertThat(TodoRules.todoProblem(huge)).isEmpty();

    TodoEvent event = new TodoChange("c9", Optional.empty(), Optional.of(huge)).event().orElseThrow();

    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(event.busDetail()).length)
        .isLessThan(TodoEvent.MAX_DETAIL_BYTES);
    assertThat(event.detail()).containsEntry("todoId", "t9").containsEntry("name", "Large").containsEntry("version", 3L)
        .containsEntry(Todo.IMPORT_ID, "imp-1").containsEntry(TodoEvent.ATTRIBUTES_OMITTED, true).doesNotContainKey("note0");
    assertThat(new TodoChange("c1", Optional.empty(), Optional.of(OPEN)).event().orElseThrow().detail())
        .doesNotContainKey(TodoEvent.ATTRIBUTES_OMITTED);
  }

  @Test
  void onlyTheFalseToTrueModificationIsTodoCompleted() {
    assertThat(new TodoChange("c2", Optional.of(OPEN), Optional.of(DONE)).event()).map(e -> e.type().detailType()).contains("todoCompleted");
    assertThat(new TodoChange("c3", Optional.of(DONE), Optional.of(DONE)).event()).isEmpty();
    assertThat(new TodoChange("c4", Optional.of(DONE), Optional.of(OPEN)).event()).isEmpty();
    assertThat(new TodoChange("c5", Optional.of(OPEN), Optional.of(new Todo("t1", "Buy oat milk", false, 1_000, 3_000))).event()).isEmpty();
  }

  @Test
  void aRemovalIsTodoDeletedWithTheTodoAsItWas() {
    TodoEvent event = new TodoChange("c6", Optional.of(DONE), Optional.empty()).event().orElseThrow();
    assertThat(event.type()).isEqualTo(TodoEvent.Type.TODO_DELETED);
    assertThat(event.detail()).containsEntry("completed", true);
  }
}
