package dev.todo.aws.handler;

import dev.todo.aws.AwsRuntime;

/** The runtime built from this container's environment: initialised once, on the first handler's creation. */
final class Default {

  static final AwsRuntime RUNTIME = AwsRuntime.fromEnvironment();

  private Default() {
  }
}
