package dev.todo.local;

import dev.todo.aws.AwsClients;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.ServiceFunction;
import dev.todo.local.dynamodb.DynamoDbProxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK clients each local function calls AWS with. Behind the DynamoDB proxy each function calls DynamoDB under
 * its own name, so the proxy holds it to the stack's grants for it; without the proxy they share the cloud's.
 */
final class FunctionClients {

  private final Map<String, String> environment;
  private final Optional<DynamoDbProxy> proxy;
  private final FunctionSettings settings;
  private final AwsRuntime shared;

  FunctionClients(AwsClients.Endpoints endpoints, Map<String, String> eventEndpoints, Optional<DynamoDbProxy> proxy,
      FunctionSettings settings) {
    this.environment = new HashMap<>(proxy.map(p -> endpoints.withDynamoDb(p.endpoint())).orElse(endpoints).toEnvironment());
    this.environment.putAll(eventEndpoints);
    this.proxy = proxy;
    this.settings = settings;
    this.shared = new AwsRuntime(settings, new AwsClients(environment));
  }

  /** The cloud's own calls (the status page, the tests' look at the journal): no grants checked. */
  AwsRuntime cloud() {
    return shared;
  }

  /** A fresh runtime for {@code function}, as a new container of it would build (its own clients behind the proxy). */
  AwsRuntime runtime(ServiceFunction function) {
    return proxy.map(p -> {
      Map<String, String> env = new HashMap<>(environment);
      env.put("AWS_ENDPOINT_URL_DYNAMODB", p.endpointFor(function.localName()).toString());
      return new AwsRuntime(settings, new AwsClients(env));
    }).orElse(shared);
  }
}
