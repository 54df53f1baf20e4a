package dev.todo.aws;

import dev.todo.domain.MessagePacker;
import dev.todo.usecase.ExportSettings;
import dev.todo.usecase.ImportSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the Lambda functions are told through their environment: the names of the table, journal, queues
 * and bucket they use, and every tunable with its default. The only place that knows a variable's name: the CDK
 * stack fills it with tokens, the local cloud and the benchmarks with local names, and {@link AwsRuntime} reads it.
 * Each setting is one {@link Variable}: its name, meaning, default and the values it takes; nothing else repeats it.
 */
public final class FunctionSettings {

  /** One environment variable: its name, what it holds, the values it takes, and its default (none: must be set). */
  public enum Variable {
    TABLE_NAME("the name of the todo table", VariableKind.TEXT, null),
    IMPORTS_TABLE_NAME("the name of the import journal table", VariableKind.TEXT, null),
    QUEUE_URL("the URL of the import queue", VariableKind.TEXT, null),
    CONTROL_QUEUE_URL("the URL of the queue that carries import continuations", VariableKind.TEXT, null),
    EXPORT_QUEUE_URL("the URL of the queue that carries export tasks", VariableKind.TEXT, null),
    BUCKET_NAME("the name of the import bucket", VariableKind.TEXT, null),
    EVENT_BUS_NAME("the name of the event bus the todo and import events go to", VariableKind.TEXT, null),
    TOPIC_ARN("the ARN of the SNS topic whose email subscribers are told of completed todos and imports", VariableKind.TEXT,
        null),
    MAX_MESSAGE_BYTES("the size of a row message in bytes", VariableKind.whole(1024, MessagePacker.LIMIT_MAX_BYTES),
        ImportSettings.DEFAULTS.maxMessageBytes()),
    SEND_MESSAGES_PER_CALL("row messages the importer hands the queue at once (the queue sends them in batches)",
        VariableKind.whole(1, Integer.MAX_VALUE), ImportSettings.DEFAULTS.messagesPerSend()),
    SENDS_IN_FLIGHT("SendMessageBatch calls in flight per importer", VariableKind.whole(1, 1024), 4),
    BATCH_WRITES_IN_FLIGHT("BatchWriteItem calls in flight per writer invocation", VariableKind.whole(1, 1024), 16),
    WRITES_PER_SECOND("the writer's pace per function instance, 0 for unpaced", VariableKind.DECIMAL, 0),
    MAX_ROWS_PER_MESSAGE("the most rows the importer packs into a row message, 0 for as many as its bytes take (a paced "
        + "writer's limit, so that a batch of messages is written well within the writer's timeout: see pacedAt)",
        VariableKind.whole(0, Integer.MAX_VALUE), ImportSettings.DEFAULTS.maxRowsPerMessage()),
    IMPORT_TIME_MARGIN_MS("how long before its timeout an import hands over to a continuation", VariableKind.whole(0, 900_000), 60_000),
    UPLOAD_URL_MINUTES("how long a presigned upload from POST /imports stays valid", VariableKind.whole(1, 7 * 24 * 60), 15),
    MAX_RECEIVE_COUNT("receives of a row message or an export task before its queue moves it to the dead-letter queue "
        + "(the queues' redrive policy); a write that fails on the last one counts the message's rows as failed, an export "
        + "task that fails on it ends its export FAILED",
        VariableKind.whole(1, 1000), StackLayout.MAX_RECEIVE_COUNT),
    EXPORT_SEGMENTS("the parts of the todo table an export reads side by side (its parallel Scan's segments)",
        VariableKind.whole(1, ExportSettings.MAX_SEGMENTS), ExportSettings.DEFAULTS.segments()),
    EXPORT_ASSEMBLY_LEASE_SECONDS("how long an export's file assembly that has recorded no part is held before another run "
        + "takes it over (its run records after every part, seconds apart)", VariableKind.whole(1, 900),
        ExportSettings.DEFAULTS.assemblyLease().toSeconds()),
    UPLOAD_MAX_MB("the largest file a presigned upload from POST /imports accepts, in MiB", VariableKind.whole(1, 5 << 20), 1024);

    private final String meaning;
    private final VariableKind kind;
    private final Optional<String> fallback;

    Variable(String meaning, VariableKind kind, Object fallback) {
      this.meaning = meaning;
      this.kind = kind;
      this.fallback = Optional.ofNullable(fallback).map(String::valueOf);
    }

    public String meaning() {
      return meaning;
    }

    /** The default, if the variable has one. */
    public Optional<String> fallback() {
      return fallback;
    }

    /** The value as it is kept, or an error that names this variable and what it takes. */
    String check(String raw) {
      return kind.check(name(), raw);
    }
  }

  private final Map<Variable, String> values;

  private FunctionSettings(Map<Variable, String> values) {
    this.values = values;
  }

  /** These names with every tunable at its default. */
  public static FunctionSettings of(String table, String importsTable, Map<ServiceQueue, String> queueUrls,
      String bucket, String eventBus, String topicArn) {
    Map<String, String> env = new HashMap<>(Map.of(Variable.TABLE_NAME.name(), table,
        Variable.IMPORTS_TABLE_NAME.name(), importsTable, Variable.BUCKET_NAME.name(), bucket,
        Variable.EVENT_BUS_NAME.name(), eventBus, Variable.TOPIC_ARN.name(), topicArn));
    queueUrls.forEach((queue, url) -> env.put(queue.urlVariable().name(), url));
    return fromEnvironment(env);
  }

  /** The URL of {@code queue}. */
  public String queueUrl(ServiceQueue queue) {
    return values.get(queue.urlVariable());
  }

  /** Reads the settings from environment variables; a missing or malformed one is named in the error. */
  public static FunctionSettings fromEnvironment(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    Map<Variable, String> values = new EnumMap<>(Variable.class);
    for (Variable v : Variable.values()) {
      Optional<String> value = Optional.ofNullable(env.get(v.name())).filter(s -> !s.isBlank()).or(v::fallback);
      value.ifPresentOrElse(raw -> values.put(v, raw), () -> missing.add(v + " (" + v.meaning() + ")"));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("environment variable(s) not set: " + String.join(", ", missing));
    }
    try {
      values.replaceAll(Variable::check);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return new FunctionSettings(values);
  }

  /** The variables that say these settings, for a function's environment. */
  public Map<String, String> toEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    values.forEach((v, value) -> env.put(v.name(), value));
    return env;
  }

  /** These settings with one changed; the value is checked as if it came from the environment. */
  public FunctionSettings with(Variable v, Object value) {
    Map<Variable, String> changed = new EnumMap<>(values);
    changed.put(v, v.check(String.valueOf(value)));
    return new FunctionSettings(changed);
  }

  /**
   * These settings with the writer paced at {@code writesPerSecond} (0: unpaced) and row messages small enough that a
   * batch of {@code batchSize} of them is written in half the writer's {@code timeout} at that pace. Without the
   * limit a batch of full messages (10 of about 1,200 rows) takes 240 s at 50 writes a second: Lambda stops the
   * writer at its timeout, every try, and the rows end in the dead-letter queue.
   */
  public FunctionSettings pacedAt(double writesPerSecond, Duration timeout, int batchSize) {
    long rows = writesPerSecond <= 0 ? 0 : Math.max(1, (long) (writesPerSecond * timeout.toMillis() / 2_000.0 / batchSize));
    return with(Variable.WRITES_PER_SECOND, writesPerSecond).with(Variable.MAX_ROWS_PER_MESSAGE, Math.min(rows, Integer.MAX_VALUE));
  }

  public String table() {
    return values.get(Variable.TABLE_NAME);
  }

  public String importsTable() {
    return values.get(Variable.IMPORTS_TABLE_NAME);
  }

  public String queueUrl() {
    return values.get(Variable.QUEUE_URL);
  }

  public String controlQueueUrl() {
    return values.get(Variable.CONTROL_QUEUE_URL);
  }

  public String exportQueueUrl() {
    return values.get(Variable.EXPORT_QUEUE_URL);
  }

  public int exportSegments() {
    return Integer.parseInt(values.get(Variable.EXPORT_SEGMENTS));
  }

  public Duration exportAssemblyLease() {
    return Duration.ofSeconds(whole(Variable.EXPORT_ASSEMBLY_LEASE_SECONDS));
  }

  public String bucket() {
    return values.get(Variable.BUCKET_NAME);
  }

  public String eventBus() {
    return values.get(Variable.EVENT_BUS_NAME);
  }

  public String topicArn() {
    return values.get(Variable.TOPIC_ARN);
  }

  public int maxMessageBytes() {
    return whole(Variable.MAX_MESSAGE_BYTES);
  }

  public int maxRowsPerMessage() {
    return whole(Variable.MAX_ROWS_PER_MESSAGE);
  }

  public int messagesPerSend() {
    return whole(Variable.SEND_MESSAGES_PER_CALL);
  }

  public int sendsInFlight() {
    return whole(Variable.SENDS_IN_FLIGHT);
  }

  public int batchWritesInFlight() {
    return whole(Variable.BATCH_WRITES_IN_FLIGHT);
  }

  public double writesPerSecond() {
    return Double.parseDouble(values.get(Variable.WRITES_PER_SECOND));
  }

  public Duration importTimeMargin() {
    return Duration.ofMillis(whole(Variable.IMPORT_TIME_MARGIN_MS));
  }

  public Duration uploadUrlLifetime() {
    return Duration.ofMinutes(whole(Variable.UPLOAD_URL_MINUTES));
  }

  public int maxReceiveCount() {
    return whole(Variable.MAX_RECEIVE_COUNT);
  }

  public int uploadMaxMb() {
    return whole(Variable.UPLOAD_MAX_MB);
  }

  /** The largest upload {@code POST /imports} hands out a link for, in bytes. */
  public long uploadMaxBytes() {
    return (long) uploadMaxMb() << 20;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FunctionSettings other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "FunctionSettings" + values;
  }

  private int whole(Variable v) {
    return Integer.parseInt(values.get(v));
  }
}
