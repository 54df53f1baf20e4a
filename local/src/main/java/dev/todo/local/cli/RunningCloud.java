package dev.todo.local.cli;

import dev.todo.aws.AwsClients;
import dev.todo.local.Options;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which running cloud a command talks to: the one with this data directory, or with this REST API port. */
class RunningCloud {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory 'up' was given, if any")
  Optional<Path> dir = Optional.empty();
  @Option(names = "--api-port", defaultValue = "" + Options.API_PORT,
      description = "the REST API port 'up' was given, when it had no data directory (default: ${DEFAULT-VALUE})")
  int apiPort;

  /** What the running cloud wrote in its state file: its endpoints, credentials, bucket and queues. */
  Map<String, String> state() {
    return StateFile.read(StateFile.location(dir, apiPort));
  }

  ImportFollower follower() {
    Map<String, String> state = state();
    return new ImportFollower(() -> new AwsClients(endpoints(state)).s3(), state.get("bucket"), URI.create(state.get("api")),
        Terminal.standardOutput());
  }

  static AwsClients.Endpoints endpoints(Map<String, String> state) {
    return new AwsClients.Endpoints(URI.create(state.get("s3")), URI.create(state.get("sqs")),
        URI.create(state.get("dynamodb")), state.get("region"), state.get("accessKey"), state.get("secretKey"));
  }
}
