package dev.todo.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.todo.aws.Provisioning;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Lambda context of one invocation in the local cloud (and the benchmarks that run its handlers): its remaining
 * time counts down from the function's timeout; its logger prints through {@code log}.
 */
public final class FunctionContext implements Context {

  private final String function;
  private final long deadlineNanos;
  private final String requestId = UUID.randomUUID().toString();
  private final Consumer<String> log;

  private FunctionContext(String function, long deadlineNanos, Consumer<String> log) {
    this.function = function;
    this.deadlineNanos = deadlineNanos;
    this.log = log;
  }

  /** An invocation of {@code function} that started now and times out after {@code timeout}. */
  public static FunctionContext startingNow(String function, Duration timeout, Consumer<String> log) {
    return new FunctionContext(function, System.nanoTime() + timeout.toNanos(), log);
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
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
    return "arn:aws:lambda:us-east-1:" + Provisioning.LOCAL_ACCOUNT + ":function:" + function;
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
