package dev.todo.aws;

import dev.todo.services.LocalServices;
import java.util.Map;
import java.util.UUID;

/** The local services every AWS adapter test talks to, and the environment that points the SDK at them. */
final class LocalAws {

  private LocalAws() {
  }

  static LocalServices services() {
    return LocalServices.shared();
  }

  /** The variables a Lambda function would see, aimed at the local services. */
  static Map<String, String> environment() {
    LocalServices s = services();
    return Map.of(
        "AWS_REGION", LocalServices.REGION,
        "AWS_ACCESS_KEY_ID", LocalServices.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY,
        "AWS_ENDPOINT_URL_S3", s.s3Endpoint().toString(),
        "AWS_ENDPOINT_URL_SQS", s.sqsEndpoint().toString(),
        "AWS_ENDPOINT_URL_DYNAMODB", s.dynamoDbEndpoint().toString());
  }

  static AwsClients clients() {
    return new AwsClients(environment());
  }

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
