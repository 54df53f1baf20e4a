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
  static final LocalStackContainer LOCALSTACK = container();

  /** LocalStack with S3, SQS and DynamoDB, as {@code LOCALSTACK_IMAGE} names it. */
  static LocalStackContainer container() {
    return new LocalStackContainer(DockerImageName.parse(
        System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack:4.4")).asCompatibleSubstituteFor("localstack/localstack"))
        .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.SQS, LocalStackContainer.Service.DYNAMODB)
        .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));
  }

  /** The container's endpoints, region and keys. */
  static AwsClients.Endpoints endpointsOf(LocalStackContainer localStack) {
    return new AwsClients.Endpoints(localStack.getEndpointOverride(LocalStackContainer.Service.S3),
        localStack.getEndpointOverride(LocalStackContainer.Service.SQS),
        localStack.getEndpointOverride(LocalStackContainer.Service.DYNAMODB), localStack.getRegion(),
        localStack.getAccessKey(), localStack.getSecretKey());
  }

  @Override
  protected AwsClients.Endpoints endpoints() {
    return endpointsOf(LOCALSTACK);
  }
}
