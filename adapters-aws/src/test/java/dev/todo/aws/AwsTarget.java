package dev.todo.aws;

import dev.todo.services.LocalServices;
import dev.todo.services.MotoServer;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;

/**
 * The AWS-compatible servers an adapter's contract runs against: the local servers the build starts (S3Proxy,
 * ElasticMQ, dynalite) and moto, a second emulator written by others, so that neither is checked only against itself.
 * Where moto is missing, its runs skip with the reason.
 */
public enum AwsTarget {
  LOCAL_SERVERS,
  MOTO;

  public AwsClients.Endpoints endpoints() {
    return switch (this) {
      case LOCAL_SERVERS -> LocalAws.endpoints();
      case MOTO -> {
        Assumptions.assumeTrue(MotoServer.unavailable().isEmpty(), () -> "skipped: " + MotoServer.unavailable().orElseThrow());
        URI moto = MotoServer.shared().endpoint();
        yield new AwsClients.Endpoints(moto, moto, moto, LocalServices.REGION, "moto", "moto");
      }
    };
  }

  public AwsClients clients() {
    return new AwsClients(endpoints());
  }
}
