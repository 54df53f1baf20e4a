package dev.todo.aws.handler;

import dev.todo.aws.AwsRuntime;

/** The runtime built from this container's environment: initialised once, on the first handler's creation. */
final class Default {

  static final AwsRuntime RUNTIME = runtime();

  private static AwsRuntime runtime() {
    JsonLog.routeJavaLogging(System.out::println);
    return AwsRuntime.fromEnvironment();
  }

  private Default() {
  }
}
