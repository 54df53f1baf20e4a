package dev.todo.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.todo.aws.Workers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * API Gateway, locally: HTTP on 127.0.0.1 turned into REST proxy event JSON for the real API handler, and its
 * proxy response JSON turned back into HTTP. Path parameters are filled in for {@code /todo/{todoId}} and
 * {@code /imports/{importId}}, as the stack's resources declare them.
 */
final class ApiServer implements AutoCloseable {

  private final HttpServer server;

  ApiServer(int port, LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api,
            Consumer<String> log) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (BindException e) {
      throw new IllegalStateException("port " + port + " for the REST API is in use: stop what holds it or choose "
          + "another with --api-port", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Workers.daemonPool("api", 4));
    server.createContext("/", exchange -> {
      try (exchange) {
        Optional<String> body = utf8(exchange.getRequestBody().readAllBytes());
        if (body.isEmpty()) {
          HttpExchanges.send(exchange, 400, "{\"message\":\"the body is not valid UTF-8\"}".getBytes(StandardCharsets.UTF_8));
          return;
        }
        respond(exchange, AwsEvents.apiResponse(api.invoke(request(exchange, body.get()))));
      } catch (RuntimeException | Error e) { // the function failed: API Gateway answers 502 for it
        log.accept("[api] " + e);
        HttpExchanges.send(exchange, 502, "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The body as text, unless it is not UTF-8: API Gateway's proxy events carry text, never replaced bytes. */
  static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** The proxy event JSON of one request; path parameters as the stack's resources declare them. */
  static String request(HttpExchange exchange, String body) {
    String path = exchange.getRequestURI().getPath();
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    String[] parts = path.split("/");
    Map<String, String> pathParameters = Map.of();
    String resource = path;
    if (parts.length == 3 && (parts[1].equals("todo") || parts[1].equals("imports"))) {
      String name = parts[1].equals("todo") ? "todoId" : "importId";
      pathParameters = Map.of(name, parts[2]);
      resource = "/" + parts[1] + "/{" + name + "}";
    }
    return AwsEvents.apiRequest(new AwsEvents.HttpRequest(exchange.getRequestMethod(), path, resource, headers, query,
        pathParameters, body));
  }

  private static void respond(HttpExchange exchange, AwsEvents.HttpResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    HttpExchanges.send(exchange, response.status(), response.body());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
