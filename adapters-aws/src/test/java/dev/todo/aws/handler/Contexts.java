package dev.todo.aws.handler;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.function.IntSupplier;

/** Lambda {@code Context}s for handler tests, mocked: the handlers read only the remaining time and the logger. */
final class Contexts {

  private Contexts() {
  }

  /** An invocation with Lambda's longest timeout ahead of it. */
  static Context plenty() {
    return remaining(() -> 900_000);
  }

  /** An invocation whose remaining time is asked of {@code remainingMillis} each time the handler looks. */
  static Context remaining(IntSupplier remainingMillis) {
    LambdaLogger logger = mock(LambdaLogger.class);
    doAnswer(call -> {
      System.err.println(call.<String>getArgument(0));
      return null;
    }).when(logger).log(anyString());
    Context context = mock(Context.class);
    when(context.getLogger()).thenReturn(logger);
    when(context.getAwsRequestId()).thenReturn("test-request");
    when(context.getRemainingTimeInMillis()).thenAnswer(call -> remainingMillis.getAsInt());
    return context;
  }
}
