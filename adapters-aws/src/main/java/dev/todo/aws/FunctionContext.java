package dev.todo.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The Lambda context of one invocation outside Lambda (the local cloud, tests, benchmarks): its remaining time
 * counts down from the function's timeout, or is whatever a test says; its logger prints through {@code log}.
 */
public final class FunctionContext implements Context {

  private final String function;
  private final IntSupplier remainingMillis;
  private final String requestId = UUID.randomUUID().toString();
  private final Consumer<String> log;

  public FunctionContext(String function, IntSupplier remainingMillis, Consumer<String> log) {
    this.function = function;
    this.remainingMillis = remainingMillis;
    this.log = log;
  }

  /** An invocation of {@code function} that started now and times out after {@code timeout}. */
  public static FunctionContext startingNow(String function, Duration timeout, Consumer<String> log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return new FunctionContext(function, () -> (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000), log);
  }

  /** An invocation with Lambda's longest timeout ahead of it, logging to stderr. */
  public static FunctionContext plenty() {
    return new FunctionContext("test", () -> 900_000, System.err::println);
  }

  @Override
  public int getRemainingTimeInMillis() {
    return remainingMillis.getAsInt();
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return function;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log.accept("[" + function + "] " + message);
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
