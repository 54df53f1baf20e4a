package dev.todo.aws;

import dev.todo.services.LocalServices;
import java.util.UUID;

/** The local services every AWS adapter test talks to, and the endpoints that point the SDK at them. */
public final class LocalAws {

  private LocalAws() {
  }

  static LocalServices services() {
    return LocalServices.shared();
  }

  public static AwsClients.Endpoints endpoints() {
    LocalServices s = services();
    return new AwsClients.Endpoints(s.s3Endpoint(), s.sqsEndpoint(), s.dynamoDbEndpoint(), LocalServices.REGION,
        LocalServices.ACCESS_KEY, LocalServices.SECRET_KEY);
  }

  public static AwsClients clients() {
    return new AwsClients(endpoints());
  }

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
