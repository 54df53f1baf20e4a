package dev.todo.aws;

import dev.todo.services.LocalServices;
import java.util.Map;

/** The environment that points every SDK client at moto (skipping the test with the reason where moto is missing). */
final class MotoAws {

  private MotoAws() {
  }

  static Map<String, String> environment() {
    return Map.of("AWS_REGION", LocalServices.REGION, "AWS_ACCESS_KEY_ID", "moto", "AWS_SECRET_ACCESS_KEY", "moto",
        "AWS_ENDPOINT_URL", AwsTarget.MOTO.endpoints().s3().toString());
  }
}
