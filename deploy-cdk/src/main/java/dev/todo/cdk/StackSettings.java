package dev.todo.cdk;

import dev.todo.aws.ServiceFunction;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What can be tuned per deployment (all from CDK context, {@code cdk deploy -c name=value}): memory and
 * timeouts of the functions, the writer's batch settings, and bonus B: {@code writeConcurrency} (N >= 2: at
 * most N writers at once; 1: a FIFO queue with one message group, so exactly one writer runs) and
 * {@code writesPerSecond} (each writer's pace; 0 means unpaced); who may call the API ({@code auth}: {@code iam} by
 * default, {@code cognito}, or {@code none} only when asked for) and how fast ({@code throttleRate} requests per
 * second with bursts of {@code throttleBurst}, for the whole stage); {@code alarmEmail}, if given, subscribes to
 * the alarms' SNS topic, and {@code notifyEmail} to the notification topic (completed todos, ended imports).
 */
public record StackSettings(Path lambdaJar, int importerMemoryMb, int writerMemoryMb, int apiMemoryMb,
                            int writerTimeoutSeconds, int batchSize, int batchingWindowSeconds, int writeConcurrency,
                            double writesPerSecond, Auth auth, double throttleRate, int throttleBurst,
                            Optional<String> alarmEmail, Optional<String> notifyEmail) {

  /** How callers of the REST API authenticate. */
  public enum Auth {
    /** Every method requires a SigV4-signed request from an AWS principal allowed execute-api:Invoke. */
    IAM,
    /** Every method requires an ID token of the stack's Cognito user pool in the Authorization header. */
    COGNITO,
    /** No authorization at all; cdk-nag's findings about it stay visible. */
    NONE;

    static Auth parse(String text) {
      for (Auth a : values()) {
        if (a.name().equalsIgnoreCase(text.strip())) {
          return a;
        }
      }
      throw new IllegalArgumentException("auth must be iam, cognito or none, was '" + text + "'");
    }
  }

  public static final String DEFAULT_JAR = "../adapters-aws/target/adapters-aws-lambda.jar";

  public StackSettings {
    if (writeConcurrency < 1) {
      throw new IllegalArgumentException("writeConcurrency must be at least 1, was " + writeConcurrency);
    }
    if (batchSize > 10 && batchingWindowSeconds < 1) {
      throw new IllegalArgumentException("a batchSize above 10 (was " + batchSize + ") needs batchingWindowSeconds of at least 1");
    }
    if (writesPerSecond < 0) {
      throw new IllegalArgumentException("writesPerSecond must not be negative, was " + writesPerSecond);
    }
    if (throttleRate <= 0 || throttleBurst < 1) {
      throw new IllegalArgumentException("throttleRate must be positive and throttleBurst at least 1, were "
          + throttleRate + " and " + throttleBurst);
    }
  }

  public static StackSettings defaults() {
    return from(name -> Optional.empty());
  }

  /** Reads each setting by name (from CDK context), falling back to the defaults. */
  public static StackSettings from(Function<String, Optional<String>> context) {
    return new StackSettings(
        Path.of(context.apply("lambdaJar").orElse(System.getProperty("lambda.jar", DEFAULT_JAR))),
        number(context, "importerMemoryMb", 1024), number(context, "writerMemoryMb", 1024),
        number(context, "apiMemoryMb", 512), number(context, "writerTimeoutSeconds", (int) ServiceFunction.WRITER.timeout().toSeconds()),
        number(context, "batchSize", ((ServiceFunction.Trigger.Queue) ServiceFunction.WRITER.trigger()).batchSize()), number(context, "batchingWindowSeconds", 0),
        number(context, "writeConcurrency", 5),
        context.apply("writesPerSecond").map(Double::parseDouble).orElse(0.0),
        context.apply("auth").map(Auth::parse).orElse(Auth.IAM),
        context.apply("throttleRate").map(Double::parseDouble).orElse(50.0), number(context, "throttleBurst", 100),
        context.apply("alarmEmail").filter(e -> !e.isBlank()), context.apply("notifyEmail").filter(e -> !e.isBlank()));
  }

  public boolean singleWriter() {
    return writeConcurrency == 1;
  }

  private static int number(Function<String, Optional<String>> context, String name, int fallback) {
    return context.apply(name).map(Integer::parseInt).orElse(fallback);
  }
}
