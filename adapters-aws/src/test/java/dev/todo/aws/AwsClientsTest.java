package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {

  private static final int IN_FLIGHT = 16;
  private static final int WAVES = 20;

  /**
   * The JDK keeps only 5 idle connections per host unless told otherwise: after each wave of 16 calls it would
   * close 11 of them, and the next wave would open 11 new ones.
   */
  @Test
  void manyCallsInFlightReuseTheirConnections() throws Exception {
    Set<Integer> connections = ConcurrentHashMap.newKeySet(); // one client port per connection
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService serverThreads = Executors.newFixedThreadPool(IN_FLIGHT);
    server.setExecutor(serverThreads);
    server.createContext("/", exchange -> {
      connections.add(exchange.getRemoteAddress().getPort());
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    ExecutorService callers = Executors.newFixedThreadPool(IN_FLIGHT);
    try (DynamoDbClient dynamoDb = new AwsClients(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_DYNAMODB",
        "http://127.0.0.1:" + server.getAddress().getPort())).dynamoDb()) {
      for (int wave = 0; wave < WAVES; wave++) { // as the writer sends a batch: 16 calls, then waits for them all
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
          calls.add(callers.submit(() -> dynamoDb.describeLimits()));
        }
        for (Future<?> call : calls) {
          call.get();
        }
      }
    } finally {
      callers.shutdownNow();
      server.stop(0);
      serverThreads.shutdownNow();
    }

    assertThat(connections).as("connections opened for %d calls", IN_FLIGHT * WAVES).hasSizeLessThanOrEqualTo(2 * IN_FLIGHT);
  }
}
