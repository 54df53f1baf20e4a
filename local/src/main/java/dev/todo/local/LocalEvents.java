package dev.todo.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.Provisioning;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.StackLayout;
import dev.todo.aws.handler.JournalStream;
import dev.todo.aws.handler.Notifier;
import dev.todo.aws.handler.TodoStream;
import dev.todo.local.dynamodb.StreamLog;
import dev.todo.local.dynamodb.TableStreams;
import dev.todo.local.lambda.AsyncInvoker;
import dev.todo.local.lambda.AwsEvents;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import dev.todo.local.status.StatusReport;
import dev.todo.local.triggers.NotificationRule;
import dev.todo.local.triggers.StreamShard;
import dev.todo.services.EventBridgeServer;
import dev.todo.services.SnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The event path, locally, as the stack wires it: the tables' streams (recorded by {@link TableStreams}) drained
 * into {@code TodoStream} and {@code JournalStream}, the bus they put events on, its notification rule, whose target
 * {@code Notifier} publishes to the topic, and the topic's outbox. Started in two steps: the bus and the topic
 * first (the functions' clients need their endpoints), then, once the functions' runtime exists, the rest.
 */
/** The event path of the local cloud: the tables' streams, their functions, the bus, the rule, the topic and its outbox. */
public final class LocalEvents implements AutoCloseable, StatusReport.Events {

  /** The event path's functions (a table's stream or the bus's rule triggers them), by their thread names. */
  public static final List<String> FUNCTIONS = java.util.Arrays.stream(ServiceFunction.values())
      .filter(f -> f.trigger() instanceof ServiceFunction.Trigger.Stream || f.trigger() instanceof ServiceFunction.Trigger.Rule)
      .map(ServiceFunction::localName).toList();

  private final StackLayout layout;
  private final String region;
  private final EventBridgeServer bus;
  private final SnsServer topic;
  private final Optional<Path> dataDir;
  private StreamShard todoStream;
  private StreamShard journalStream;
  private AsyncInvoker notifier;

  private LocalEvents(StackLayout layout, String region, String topicArn, Optional<Path> dataDir) {
    this.layout = layout;
    this.region = region;
    this.dataDir = dataDir;
    this.bus = EventBridgeServer.start(layout.eventBus(), region, Provisioning.LOCAL_ACCOUNT, dataDir.map(d -> d.resolve("bus")));
    this.topic = SnsServer.start(topicArn, "the email subscribers of " + layout.topic(),
        dataDir.map(d -> d.resolve("outbox")).orElseGet(LocalEvents::temporaryOutbox));
  }

  /**
   * The bus (its archive under {@code DIR/bus}) and the topic, whose messages land under {@code DIR/outbox}; without
   * a data dir both live in memory and a temporary directory.
   */
  static LocalEvents start(StackLayout layout, String region, String topicArn, Optional<Path> dataDir) {
    return new LocalEvents(layout, region, topicArn, dataDir);
  }

  /** The SDK's variables that aim the functions' EventBridge and SNS clients at the bus and the topic. */
  Map<String, String> endpointEnvironment() {
    return Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", bus.endpoint().toString(), "AWS_ENDPOINT_URL_SNS", topic.endpoint().toString());
  }

  /**
   * The streams into their functions, and the rule to its target; {@code functionLog} gives a function its log,
   * {@code onFailure} takes the description of stream records that failed every retry and the events the notifier
   * failed (the stack's event dead-letter queue).
   */
  void wire(Function<ServiceFunction, AwsRuntime> runtimes, TableStreams streams, Function<String, Consumer<String>> functionLog, InvocationLog invocations,
      Consumer<String> onFailure, Consumer<String> log) {
    StreamShard.Mapping mapping = new StreamShard.Mapping(StackLayout.STREAM_BATCH_SIZE, StackLayout.STREAM_BATCHING_WINDOW,
        StackLayout.STREAM_RETRY_ATTEMPTS, onFailure);
    String todos = ServiceFunction.TODO_STREAM.localName();
    todoStream = shard(layout.table(), todos, mapping, () -> LambdaFunction.of(todos, new TodoStream(
        runtimes.apply(ServiceFunction.TODO_STREAM).todoChangeEvents(), warnings(functionLog.apply(todos), () -> todoStream)), DynamodbEvent.class,
        StreamsEventResponse.class, ServiceFunction.TODO_STREAM.timeout(), log), invocations, log);
    String journal = ServiceFunction.JOURNAL_STREAM.localName();
    journalStream = shard(layout.importsTable(), journal, mapping, () -> LambdaFunction.of(journal,
        new JournalStream(runtimes.apply(ServiceFunction.JOURNAL_STREAM).importAnnouncements(), warnings(functionLog.apply(journal), () -> journalStream)),
        DynamodbEvent.class, Void.class, ServiceFunction.JOURNAL_STREAM.timeout(), log), invocations, log);
    streams.stream(new TableStreams.Streamed(layout.table(), List.of(StackLayout.TODO_KEY), StackLayout.TODO_STREAM_VIEW, todoStream.log()));
    streams.stream(new TableStreams.Streamed(layout.importsTable(), List.of(StackLayout.JOURNAL_KEY, StackLayout.JOURNAL_SORT_KEY),
        StackLayout.JOURNAL_STREAM_VIEW, journalStream.log()));
    bus.onEvent(event -> {
      if (NotificationRule.matches(event)) {
        String name = ServiceFunction.NOTIFIER.localName();
        notifier(() -> new AsyncInvoker(LambdaFunction.of(name, new Notifier(runtimes.apply(ServiceFunction.NOTIFIER).eventNotifier(),
            functionLog.apply(name)), ScheduledEvent.class, Void.class, ServiceFunction.NOTIFIER.timeout(), log), invocations,
            onFailure, log))
            .invoke(event.toString());
      }
    });
  }

  /** A stream function's log, whose warnings and errors also tell its shard why a record failed. */
  private static Consumer<String> warnings(Consumer<String> log, java.util.function.Supplier<StreamShard> shard) {
    return line -> {
      log.accept(line);
      if (line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")) {
        try {
          JsonNode entry = AwsEvents.JSON.readTree(line);
          shard.get().warned(entry.path("error").asText(entry.path("message").asText()));
        } catch (IOException notJson) {
          shard.get().warned(line);
        }
      }
    };
  }

  /** A table's shard, its records kept under {@code DIR/streams/TABLE} with a data dir. */
  private StreamShard shard(String table, String name, StreamShard.Mapping mapping,
      java.util.function.Supplier<LambdaFunction<?, ?>> function, InvocationLog invocations, Consumer<String> log) {
    String arn = "arn:aws:dynamodb:" + region + ":" + Provisioning.LOCAL_ACCOUNT + ":table/" + table + "/stream/local";
    StreamLog records = dataDir.map(d -> StreamLog.open(d.resolve("streams").resolve(table))).orElseGet(StreamLog::inMemory);
    return new StreamShard(arn, region, mapping, name, function, records, invocations, log);
  }

  /** The rule's target, made at the first event it matches (its SNS client is not loaded at start). */
  private synchronized AsyncInvoker notifier(java.util.function.Supplier<AsyncInvoker> make) {
    if (notifier == null) {
      notifier = make.get();
    }
    return notifier;
  }

  /** Starts draining the streams, if {@link #wire} was called (a cloud without events has none). */
  void startStreams() {
    if (todoStream != null) {
      todoStream.start();
      journalStream.start();
    }
  }

  /** Fault injection: the bus refuses, every time, the entries whose detail matches. */
  /** Fault injection: the bus refuses every entry whose detail matches, however often it is sent. */
  public void refuseDetails(java.util.function.Predicate<JsonNode> which) {
    bus.refuseDetails(which);
  }

  /** Fault injection: the bus refuses this fraction of the entries put on it. */
  /** Fault injection: the bus refuses this fraction of the entries put on it (0 for none). */
  public void refuse(double fraction) {
    bus.refuseEntries(fraction);
  }

  /** Hands every event the bus takes from now on to {@code target}, as a rule's target gets it. */
  public void onEvent(Consumer<JsonNode> target) {
    bus.onEvent(target);
  }

  @Override
  public int pendingStreamRecords() {
    return todoStream == null ? 0 : todoStream.pending() + journalStream.pending();
  }

  @Override
  public synchronized int pendingNotifications() {
    return notifier == null ? 0 : notifier.pending();
  }

  @Override
  public List<StreamShard.Stuck> stuck() {
    return todoStream == null ? List.of() : java.util.stream.Stream.of(todoStream, journalStream)
        .flatMap(shard -> shard.stuck().stream()).toList();
  }

  @Override
  public long deadLetteredStreamRecords() {
    return todoStream == null ? 0 : todoStream.deadLettered() + journalStream.deadLettered();
  }

  @Override
  public List<JsonNode> recent() {
    return bus.recent();
  }

  @Override
  public long published() {
    return bus.accepted();
  }

  @Override
  public Path outbox() {
    return topic.outbox();
  }

  private static Path temporaryOutbox() {
    try {
      return Files.createTempDirectory("todo-outbox-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    Closeables.closeAll(System.err::println, todoStream, journalStream, notifier, bus, topic);
  }
}
