package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ServiceFunctionTest {

  @Test
  void everyFunctionNamesAHandlerThatLambdaCanLoad() throws Exception {
    for (ServiceFunction f : ServiceFunction.values()) {
      assertThat(RequestHandler.class.isAssignableFrom(Class.forName(f.handlerClass()))).as(f.handlerClass()).isTrue();
      assertThat(f.handlerName()).endsWith("::handleRequest");
    }
  }

  @Test
  void namesAreUniqueAndEveryFunctionMayCallSomething() {
    assertThat(Arrays.stream(ServiceFunction.values()).map(ServiceFunction::functionName)).doesNotHaveDuplicates();
    assertThat(ServiceFunction.values()).allSatisfy(f -> assertThat(f.accesses()).isNotEmpty());
    // the timeouts AWS allows: an API function answers within API Gateway's 29 s, nothing runs past Lambda's 15 min
    assertThat(ServiceFunction.values()).allSatisfy(f -> {
      assertThat(f.timeout()).isLessThanOrEqualTo(java.time.Duration.ofMinutes(15));
      if (f.trigger() instanceof ServiceFunction.Trigger.Api) {
        assertThat(f.timeout()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(29));
      }
    });
  }
}
