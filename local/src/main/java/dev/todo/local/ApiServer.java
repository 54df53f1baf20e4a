package dev.todo.local;

import dev.todo.aws.FunctionContext;
import dev.todo.aws.Workers;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * API Gateway, locally: HTTP on 127.0.0.1 turned into REST proxy events for the real API handler, and its
 * proxy responses turned back into HTTP. Path parameters are filled in for {@code /todo/{todoId}} and
 * {@code /imports/{importId}}, as the stack's resources declare them.
 */
final class ApiServer implements AutoCloseable {

  private final HttpServer server;

  ApiServer(int port, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api, Duration timeout,
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
        APIGatewayProxyResponseEvent response = api.handleRequest(request(exchange, body.get()),
            FunctionContext.startingNow("TodoApi", timeout, log));
        respond(exchange, response);
      } catch (RuntimeException e) {
        log.accept("[api] " + e);
        HttpExchanges.send(exchange, 500, "{\"message\":\"internal error\"}".getBytes(StandardCharsets.UTF_8));
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

  static APIGatewayProxyRequestEvent request(HttpExchange exchange, String body) {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> headers = new HashMap<>();
    Map<String, List<String>> multiHeaders = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> {
      headers.put(k, v.get(0));
      multiHeaders.put(k, v);
    });
    Map<String, String> query = new HashMap<>();
    Map<String, List<String>> multiQuery = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.put(k, v);
        multiQuery.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    String[] parts = path.split("/");
    Map<String, String> pathParameters = null;
    String resource = path;
    if (parts.length == 3 && (parts[1].equals("todo") || parts[1].equals("imports"))) {
      String name = parts[1].equals("todo") ? "todoId" : "importId";
      pathParameters = Map.of(name, parts[2]);
      resource = "/" + parts[1] + "/{" + name + "}";
    }
    return new APIGatewayProxyRequestEvent().withHttpMethod(exchange.getRequestMethod()).withPath(path)
        .withResource(resource).withHeaders(headers).withMultiValueHeaders(multiHeaders)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
        .withPathParameters(pathParameters).withBody(body.isEmpty() ? null : body).withIsBase64Encoded(false)
        .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("local")
            .withHttpMethod(exchange.getRequestMethod()).withResourcePath(resource).withPath(path));
  }

  private static void respond(HttpExchange exchange, APIGatewayProxyResponseEvent response) throws IOException {
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    }
    byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
    HttpExchanges.send(exchange, response.getStatusCode() == null ? 200 : response.getStatusCode(), body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
