package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.todo.aws.TodoTableSchema;
import dev.todo.domain.TodoChange;
import dev.todo.usecase.TodoChangeEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The todo table's stream -> the seed's events on the bus ({@code todoCreated}, {@code todoCompleted},
 * {@code todoDeleted}), in the order of the changes. If the bus will not take them, the batch is answered with the
 * first change not published, so the stream delivers it and every later one again (the events' ids stay the same).
 */
public final class TodoStream implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private final TodoChangeEvents events;
  private final Consumer<String> log;

  public TodoStream() {
    this(Default.RUNTIME.todoChangeEvents(), line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public TodoStream(TodoChangeEvents events, Consumer<String> log) {
    this.events = events;
    this.log = log;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
    List<TodoChange> changes = records.stream().map(r -> new TodoChange(r.getEventID(),
        StreamImages.item(r.getDynamodb().getOldImage()).map(TodoTableSchema.INSTANCE::mapToItem),
        StreamImages.item(r.getDynamodb().getNewImage()).map(TodoTableSchema.INSTANCE::mapToItem))).toList();
    Optional<TodoChangeEvents.Unpublished> stuck = events.publish(changes);
    JsonLog log = JsonLog.of(context, this.log);
    if (stuck.isEmpty()) {
      log.info("events published", Map.of("changes", changes.size()));
      return new StreamsEventResponse(List.of());
    }
    DynamodbEvent.DynamodbStreamRecord first = records.stream().filter(r -> r.getEventID().equals(stuck.get().changeId()))
        .findFirst().orElseThrow();
    String sequenceNumber = first.getDynamodb().getSequenceNumber();
    log.warn("the bus did not take every event; the stream delivers the rest again", Map.of("changes", changes.size(),
        "fromSequenceNumber", sequenceNumber, "error", stuck.get().reason()));
    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
  }
}
