package dev.todo.ports;

import dev.todo.domain.TodoEvent;
import java.util.List;

/** Where the service's events go: the seed's event bus, which routes each to the rules that want it. */
public interface TodoEvents {

  /**
   * Puts every event on the bus, any number of them (an adapter groups them into the calls its service allows and
   * retries what the bus refused). Throws {@link PublishException} when some could still not be put: the caller
   * lets the platform retry, and the events' ids make the duplicates of such a retry recognisable.
   */
  void publish(List<TodoEvent> events);

  /** Some events could not be put on the bus: those named (the others are on it). */
  final class PublishException extends RuntimeException {
    private final List<String> unpublished;

    public PublishException(String message, List<String> unpublishedEventIds) {
      super(message);
      this.unpublished = List.copyOf(unpublishedEventIds);
    }

    /** The ids of the events that are not on the bus. */
    public List<String> unpublished() {
      return unpublished;
    }
  }
}
