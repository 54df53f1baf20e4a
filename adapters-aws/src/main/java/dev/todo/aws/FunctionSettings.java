package dev.todo.aws;

import dev.todo.domain.MessagePacker;
import dev.todo.usecase.ImportSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the Lambda functions are told through their environment: the names of the table, journal, queues
 * and bucket they use, and every tunable with its default. The only place that knows a variable's name: the CDK
 * stack fills it with tokens, the local cloud and the benchmarks with local names, and {@link AwsRuntime} reads it.
 */
public record FunctionSettings(String table, String importsTable, String queueUrl, String controlQueueUrl, String bucket,
                               String eventBus, String topicArn, int maxMessageBytes, int messagesPerSend, int sendConcurrency, int writeConcurrency,
                               double writesPerSecond, Duration importTimeMargin, Duration uploadUrlLifetime,
                               int maxReceiveCount, int uploadMaxMb) {

  /** One environment variable: its name, what it holds, and its default (empty where it must be set). */
  public enum Variable {
    TABLE_NAME("the name of the todo table", ""),
    IMPORTS_TABLE_NAME("the name of the import journal table", ""),
    QUEUE_URL("the URL of the import queue", ""),
    CONTROL_QUEUE_URL("the URL of the queue that carries import continuations", ""),
    BUCKET_NAME("the name of the import bucket", ""),
    EVENT_BUS_NAME("the name of the event bus the todo and import events go to", ""),
    TOPIC_ARN("the ARN of the SNS topic whose email subscribers are told of completed todos and imports", ""),
    MAX_MESSAGE_BYTES("the size of a row message in bytes, at most " + MessagePacker.LIMIT_MAX_BYTES,
        Integer.toString(ImportSettings.DEFAULTS.maxMessageBytes())),
    SEND_MESSAGES_PER_CALL("row messages the importer hands the queue at once (sent 10 to a SendMessageBatch)",
        Integer.toString(ImportSettings.DEFAULTS.messagesPerSend())),
    SEND_CONCURRENCY("SendMessageBatch calls in flight", "4"),
    WRITE_CONCURRENCY("BatchWriteItem calls in flight per writer", "16"),
    WRITES_PER_SECOND("the writer's pace per function instance, 0 for unpaced", "0"),
    IMPORT_TIME_MARGIN_MS("how long before its timeout an import hands over to a continuation", "60000"),
    UPLOAD_URL_MINUTES("how long a presigned upload from POST /imports stays valid", "15"),
    MAX_RECEIVE_COUNT("receives of a row message before the queue moves it to the dead-letter queue (the queue's "
        + "redrive policy); a write that fails on the last one counts the message's rows as failed",
        Integer.toString(StackLayout.MAX_RECEIVE_COUNT)),
    UPLOAD_MAX_MB("the largest file a presigned upload from POST /imports accepts, in MiB", "1024");

    private final String meaning;
    private final String fallback;

    Variable(String meaning, String fallback) {
      this.meaning = meaning;
      this.fallback = fallback;
    }

    public String meaning() {
      return meaning;
    }

    /** The default, if the variable has one. */
    public Optional<String> fallback() {
      return Optional.of(fallback).filter(f -> !f.isEmpty());
    }
  }

  public FunctionSettings {
    if (maxMessageBytes < 1024 || maxMessageBytes > MessagePacker.LIMIT_MAX_BYTES) {
      throw new IllegalArgumentException(Variable.MAX_MESSAGE_BYTES + " must be between 1024 and "
          + MessagePacker.LIMIT_MAX_BYTES + ", was " + maxMessageBytes);
    }
    atLeastOne(Variable.SEND_MESSAGES_PER_CALL, messagesPerSend);
    atLeastOne(Variable.SEND_CONCURRENCY, sendConcurrency);
    atLeastOne(Variable.WRITE_CONCURRENCY, writeConcurrency);
    atLeastOne(Variable.MAX_RECEIVE_COUNT, maxReceiveCount);
    atLeastOne(Variable.UPLOAD_MAX_MB, uploadMaxMb);
    if (writesPerSecond < 0) {
      throw new IllegalArgumentException(Variable.WRITES_PER_SECOND + " must not be negative, was " + writesPerSecond);
    }
  }

  /** These names with every tunable at its default. */
  public static FunctionSettings of(String table, String importsTable, String queueUrl, String controlQueueUrl,
      String bucket, String eventBus, String topicArn) {
    return fromEnvironment(Map.of(Variable.TABLE_NAME.name(), table, Variable.IMPORTS_TABLE_NAME.name(), importsTable,
        Variable.QUEUE_URL.name(), queueUrl, Variable.CONTROL_QUEUE_URL.name(), controlQueueUrl,
        Variable.BUCKET_NAME.name(), bucket, Variable.EVENT_BUS_NAME.name(), eventBus, Variable.TOPIC_ARN.name(), topicArn));
  }


  /** Reads the settings from environment variables; a missing or malformed one is named in the error. */
  public static FunctionSettings fromEnvironment(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    for (Variable v : Variable.values()) {
      if (v.fallback().isEmpty() && value(v, env).isEmpty()) {
        missing.add(v + " (" + v.meaning() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("environment variable(s) not set: " + String.join(", ", missing));
    }
    try {
      return new FunctionSettings(text(Variable.TABLE_NAME, env), text(Variable.IMPORTS_TABLE_NAME, env),
          text(Variable.QUEUE_URL, env), text(Variable.CONTROL_QUEUE_URL, env), text(Variable.BUCKET_NAME, env),
          text(Variable.EVENT_BUS_NAME, env), text(Variable.TOPIC_ARN, env), number(Variable.MAX_MESSAGE_BYTES, env), number(Variable.SEND_MESSAGES_PER_CALL, env),
          number(Variable.SEND_CONCURRENCY, env), number(Variable.WRITE_CONCURRENCY, env),
          parse(Variable.WRITES_PER_SECOND, env, Double::parseDouble, "a number"),
          Duration.ofMillis(number(Variable.IMPORT_TIME_MARGIN_MS, env)),
          Duration.ofMinutes(number(Variable.UPLOAD_URL_MINUTES, env)), number(Variable.MAX_RECEIVE_COUNT, env),
          number(Variable.UPLOAD_MAX_MB, env));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The variables that say these settings, for a function's environment. */
  public Map<String, String> toEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(Variable.TABLE_NAME.name(), table);
    env.put(Variable.IMPORTS_TABLE_NAME.name(), importsTable);
    env.put(Variable.QUEUE_URL.name(), queueUrl);
    env.put(Variable.CONTROL_QUEUE_URL.name(), controlQueueUrl);
    env.put(Variable.BUCKET_NAME.name(), bucket);
    env.put(Variable.EVENT_BUS_NAME.name(), eventBus);
    env.put(Variable.TOPIC_ARN.name(), topicArn);
    env.put(Variable.MAX_MESSAGE_BYTES.name(), Integer.toString(maxMessageBytes));
    env.put(Variable.SEND_MESSAGES_PER_CALL.name(), Integer.toString(messagesPerSend));
    env.put(Variable.SEND_CONCURRENCY.name(), Integer.toString(sendConcurrency));
    env.put(Variable.WRITE_CONCURRENCY.name(), Integer.toString(writeConcurrency));
    env.put(Variable.WRITES_PER_SECOND.name(), Double.toString(writesPerSecond));
    env.put(Variable.IMPORT_TIME_MARGIN_MS.name(), Long.toString(importTimeMargin.toMillis()));
    env.put(Variable.UPLOAD_URL_MINUTES.name(), Long.toString(uploadUrlLifetime.toMinutes()));
    env.put(Variable.MAX_RECEIVE_COUNT.name(), Integer.toString(maxReceiveCount));
    env.put(Variable.UPLOAD_MAX_MB.name(), Integer.toString(uploadMaxMb));
    return env;
  }

  public FunctionSettings withMaxMessageBytes(int bytes) {
    return new FunctionSettings(table, importsTable, queueUrl, controlQueueUrl, bucket, eventBus, topicArn, bytes, messagesPerSend,
        sendConcurrency, writeConcurrency, writesPerSecond, importTimeMargin, uploadUrlLifetime, maxReceiveCount, uploadMaxMb);
  }

  public FunctionSettings withWriteConcurrency(int calls) {
    return new FunctionSettings(table, importsTable, queueUrl, controlQueueUrl, bucket, eventBus, topicArn, maxMessageBytes, messagesPerSend,
        sendConcurrency, calls, writesPerSecond, importTimeMargin, uploadUrlLifetime, maxReceiveCount, uploadMaxMb);
  }

  public FunctionSettings withWritesPerSecond(double rate) {
    return new FunctionSettings(table, importsTable, queueUrl, controlQueueUrl, bucket, eventBus, topicArn, maxMessageBytes, messagesPerSend,
        sendConcurrency, writeConcurrency, rate, importTimeMargin, uploadUrlLifetime, maxReceiveCount, uploadMaxMb);
  }

  public FunctionSettings withImportTimeMargin(Duration margin) {
    return new FunctionSettings(table, importsTable, queueUrl, controlQueueUrl, bucket, eventBus, topicArn, maxMessageBytes, messagesPerSend,
        sendConcurrency, writeConcurrency, writesPerSecond, margin, uploadUrlLifetime, maxReceiveCount, uploadMaxMb);
  }

  public FunctionSettings withMaxReceiveCount(int receives) {
    return new FunctionSettings(table, importsTable, queueUrl, controlQueueUrl, bucket, eventBus, topicArn, maxMessageBytes, messagesPerSend,
        sendConcurrency, writeConcurrency, writesPerSecond, importTimeMargin, uploadUrlLifetime, receives, uploadMaxMb);
  }

  public FunctionSettings withUploadMaxMb(int mb) {
    return new FunctionSettings(table, importsTable, queueUrl, controlQueueUrl, bucket, eventBus, topicArn, maxMessageBytes,
        messagesPerSend, sendConcurrency, writeConcurrency, writesPerSecond, importTimeMargin, uploadUrlLifetime,
        maxReceiveCount, mb);
  }

  /** The largest upload {@code POST /imports} hands out a link for, in bytes. */
  public long uploadMaxBytes() {
    return (long) uploadMaxMb << 20;
  }

  private static void atLeastOne(Variable v, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(v + " must be at least 1, was " + value);
    }
  }

  private static Optional<String> value(Variable v, Map<String, String> env) {
    return Optional.ofNullable(env.get(v.name())).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static String text(Variable v, Map<String, String> env) {
    return value(v, env).orElseThrow();
  }

  private static int number(Variable v, Map<String, String> env) {
    return parse(v, env, Integer::parseInt, "a whole number");
  }

  private static <T> T parse(Variable v, Map<String, String> env, Function<String, T> parser, String what) {
    String raw = value(v, env).or(v::fallback).orElseThrow();
    try {
      return parser.apply(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("environment variable " + v + " must be " + what + ", was '" + raw + "'");
    }
  }
}
