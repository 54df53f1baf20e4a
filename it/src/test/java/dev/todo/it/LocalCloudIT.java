package dev.todo.it;

import dev.todo.local.Options;
import dev.todo.services.LocalServices;

/** The scenarios against the local servers the build starts: dynalite, S3Proxy, ElasticMQ. */
class LocalCloudIT extends ImportPipelineScenarios {

  @Override
  protected Options.Endpoints endpoints() {
    LocalServices s = LocalServices.shared();
    return new Options.Endpoints(s.s3Endpoint(), s.sqsEndpoint(), s.dynamoDbEndpoint(), LocalServices.REGION,
        LocalServices.ACCESS_KEY, LocalServices.SECRET_KEY);
  }
}
