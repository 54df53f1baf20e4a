package dev.todo.it;

import dev.todo.aws.AwsClients;
import dev.todo.local.LocalCloud;
import dev.todo.services.LocalServices;

/** The scenarios at size against the local servers the build starts: dynalite, S3Proxy, ElasticMQ. */
class LocalCloudAtScaleIT extends ImportAtScaleScenarios {

  @Override
  protected AwsClients.Endpoints endpoints() {
    return LocalCloud.endpointsOf(LocalServices.shared());
  }
}
