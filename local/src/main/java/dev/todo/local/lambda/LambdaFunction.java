package dev.todo.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A handler run as Lambda's Java runtime runs it: the event arrives as the JSON AWS sends and becomes the
 * handler's input type through {@link LambdaEventSerializers}, the serializers the runtime itself uses, and the
 * answer goes back to JSON the same way; so a field the runtime would not map shows up locally, not after a deploy.
 */
public final class LambdaFunction<I, O> {

  private final String name;
  private final RequestHandler<I, O> handler;
  private final PojoSerializer<I> input;
  private final PojoSerializer<O> output;
  private final Duration timeout;
  private final Consumer<String> log;

  private LambdaFunction(String name, RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType,
      Duration timeout, Consumer<String> log) {
    this.name = name;
    this.handler = handler;
    ClassLoader loader = handler.getClass().getClassLoader();
    this.input = LambdaEventSerializers.serializerFor(inputType, loader);
    this.output = LambdaEventSerializers.serializerFor(outputType, loader);
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

  /** Invokes the handler with {@code eventJson}, a fresh context counting down from the timeout; the answer as JSON. */
  public String invoke(String eventJson) {
    O answer = handler.handleRequest(input.fromJson(eventJson), FunctionContext.startingNow(name, timeout, log));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    output.toJson(answer, json);
    return json.toString(StandardCharsets.UTF_8);
  }
}
