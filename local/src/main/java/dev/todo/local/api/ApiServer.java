package dev.todo.local.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.todo.aws.ApiRoute;
import dev.todo.local.lambda.AwsEvents;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import dev.todo.local.status.StatusPage;
import java.io.IOException;
import java.net.BindException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * API Gateway, locally: HTTP on 127.0.0.1 turned into REST proxy event JSON for the real API handler, and its
 * proxy response JSON turned back into HTTP. The resource and its path parameters are those of the {@link ApiRoute}
 * the path matches, as the stack's resources declare them. What never reaches the function (a request
 * line that is not HTTP, a malformed percent-escape) is answered as API Gateway answers it: a 4xx JSON message.
 */
public final class ApiServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;

  public ApiServer(int port, LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api,
            InvocationLog invocations, Handler statusPage, Consumer<String> log) {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("api");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setErrorHandler(new JsonErrors());
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHttpURI().getPath().startsWith(StatusPage.PREFIX)) { // the local cloud's own page, not a route of the API
          return statusPage.handle(request, response, callback);
        }
        byte[] raw = Content.Source.asInputStream(request).readAllBytes();
        Optional<String> body = utf8(raw);
        if (body.isEmpty()) {
          return json(response, callback, 400, "the body is not valid UTF-8");
        }
        Optional<String> event = event(request, body.get());
        if (event.isEmpty()) {
          return json(response, callback, 400, "the query string has a malformed percent-escape");
        }
        AwsEvents.HttpResponse answer;
        long start = System.nanoTime();
        try {
          answer = AwsEvents.apiResponse(api.invoke(event.get()));
          invocations.ended(api.name(), start, Optional.empty());
        } catch (RuntimeException | Error e) { // the function failed: API Gateway answers 502 for it
          invocations.ended(api.name(), start, Optional.of(e.toString()));
          log.accept("[api] " + e);
          return json(response, callback, 502, "Internal server error");
        }
        response.setStatus(answer.status());
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
      }
    });
  }

  public void start() {
    try {
      server.start();
    } catch (IOException e) {
      if (e.getCause() instanceof BindException || e instanceof BindException) {
        throw new IllegalStateException("port " + connector.getPort() + " for the REST API is in use: stop what holds it "
            + "or choose another with --api-port", e);
      }
      throw new IllegalStateException("the REST API could not start: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("the REST API could not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return connector.getLocalPort();
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

  /** The proxy event JSON of one request, or empty if its query cannot be decoded. */
  private static Optional<String> event(Request request, String body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = request.getHttpURI().getQuery();
    if (raw != null && !raw.isEmpty()) {
      try {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
      } catch (IllegalArgumentException malformed) {
        return Optional.empty();
      }
    }
    return Optional.of(request(request.getMethod(), request.getHttpURI().getDecodedPath(), headers, query, body));
  }

  /** The proxy event JSON; the resource and path parameters as the route table declares them. */
  static String request(String method, String path, Map<String, List<String>> headers, Map<String, List<String>> query,
      String body) {
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    // the resource whatever the method: the function answers 405 itself
    Optional<ApiRoute.Match> route = ApiRoute.atPath(segments);
    Map<String, String> pathParameters = route.map(ApiRoute.Match::pathParameters).orElse(Map.of());
    String resource = route.map(r -> r.route().path()).orElse(path);
    return AwsEvents.apiRequest(new AwsEvents.HttpRequest(method, path, resource, headers, query, pathParameters, body));
  }

  private static boolean json(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(AwsEvents.JSON.createObjectNode().put("message", message).toString()
        .getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

  /** Jetty's own errors (a malformed URI, a bad request line) as JSON, the way every other error of the API reads. */
  private static final class JsonErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Object cause = request.getAttribute(ERROR_EXCEPTION);
      Object message = cause instanceof Throwable t && t.getMessage() != null ? t.getMessage() : request.getAttribute(ERROR_MESSAGE);
      int status = response.getStatus() >= 400 ? response.getStatus() : 400;
      return json(response, callback, status, "the request is malformed" + (message == null ? "" : ": " + message));
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the REST API did not stop: " + e.getMessage(), e);
    }
  }
}
