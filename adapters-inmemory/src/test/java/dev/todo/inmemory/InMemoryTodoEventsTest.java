package dev.todo.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.TodoEvent;
import dev.todo.ports.TodoEvents;
import dev.todo.ports.contract.TodoEventsContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryTodoEventsTest extends TodoEventsContract {

  private final InMemoryTodoEvents bus = new InMemoryTodoEvents();

  @Override
  protected TodoEvents events() {
    return bus;
  }

  @Override
  protected List<TodoEvent> received() {
    return bus.published();
  }

  @Test
  void aRefusedEventIsNamedInTheException() {
    bus.failWhen(e -> e.eventId().equals("bad"));
    assertThatThrownBy(() -> bus.publish(List.of(new TodoEvent("ok", TodoEvent.Type.TODO_CREATED, Map.of()),
        new TodoEvent("bad", TodoEvent.Type.TODO_CREATED, Map.of()))))
        .isInstanceOf(TodoEvents.PublishException.class).hasMessageContaining("bad");
    assertThat(bus.published()).extracting(TodoEvent::eventId).containsExactly("ok");
  }
}
