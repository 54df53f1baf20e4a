package dev.todo.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A handler run as Lambda's Java runtime runs it: the event arrives as the JSON AWS sends and becomes the
 * handler's input type through the serializers the runtime itself uses ({@link EventSerializers}), and the
 * answer goes back to JSON the same way; so a field the runtime would not map shows up locally, not after a deploy.
 */
public final class LambdaFunction<I, O> {

  private final String name;
  private final RequestHandler<I, O> handler;
  private final Class<I> inputType;
  private final Class<O> outputType;
  private final Duration timeout;
  private final Consumer<String> log;

  private LambdaFunction(String name, RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType,
      Duration timeout, Consumer<String> log) {
    this.name = name;
    this.handler = handler;
    this.inputType = inputType;
    this.outputType = outputType;
    this.timeout = timeout;
    this.log = log;
  }

  public static <I, O> LambdaFunction<I, O> of(String name, RequestHandler<I, O> handler, Class<I> inputType,
      Class<O> outputType, Duration timeout, Consumer<String> log) {
    return new LambdaFunction<>(name, handler, inputType, outputType, timeout, log);
  }

  public String name() {
    return name;
  }

  /**
   * Invokes the handler with {@code eventJson}, a fresh context counting down from the timeout; the answer as JSON. The
   * serializers are made at the first invocation that needs them, as the runtime's own init (the cloud's start does not
   * wait for every function's).
   */
  public String invoke(String eventJson) {
    I event = EventSerializers.SHARED.of(inputType).fromJson(eventJson);
    long started = System.nanoTime();
    O answer;
    try {
      answer = handler.handleRequest(event, FunctionContext.startingNow(name, timeout, log));
    } finally {
      warnIfOverrun(System.nanoTime() - started);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventSerializers.SHARED.of(outputType).toJson(answer, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Lambda stops an invocation at its timeout and its event is tried again; here a thread cannot be stopped, so an
   * invocation that ran longer is said out loud: it works here and would fail after a deploy.
   */
  private void warnIfOverrun(long nanos) {
    if (nanos > timeout.toNanos()) {
      log.accept(String.format("warning: %s ran %.1f s, past its %d s timeout: Lambda would have stopped it there, and its"
          + " event would have been tried again", name, nanos / 1e9, timeout.toSeconds()));
    }
  }
}
