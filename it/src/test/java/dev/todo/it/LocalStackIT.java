package dev.todo.it;

import dev.todo.aws.AwsClients;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same scenarios against LocalStack in Docker. Skipped where there is no Docker (as on our machines).
 * {@code LOCALSTACK_IMAGE} picks the image; {@code LOCALSTACK_AUTH_TOKEN} is passed on for images that need one.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackIT extends ImportPipelineScenarios {

  @Container
  static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse(
      System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack:4.4")).asCompatibleSubstituteFor("localstack/localstack"))
      .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.SQS, LocalStackContainer.Service.DYNAMODB)
      .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));

  @Override
  protected AwsClients.Endpoints endpoints() {
    return new AwsClients.Endpoints(LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.S3),
        LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.SQS),
        LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.DYNAMODB), LOCALSTACK.getRegion(),
        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey());
  }
}
