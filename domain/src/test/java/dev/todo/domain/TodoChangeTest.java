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
