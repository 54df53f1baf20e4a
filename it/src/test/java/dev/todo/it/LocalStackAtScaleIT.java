package dev.todo.it;

import dev.todo.aws.AwsClients;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The scenarios at size against LocalStack in Docker. Skipped where there is no Docker (as on our machines). */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackAtScaleIT extends ImportAtScaleScenarios {

  @Container
  static final LocalStackContainer LOCALSTACK = LocalStackIT.container();

  @Override
  protected AwsClients.Endpoints endpoints() {
    return LocalStackIT.endpointsOf(LOCALSTACK);
  }
}
