package dev.todo.aws;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API's routes, each once: its method, its path (whose {@code {name}} segments are path parameters), the
 * function that serves it, the query parameters it reads and the body it takes. The stack's REST API makes its
 * resources, methods, validation and integrations from this table, the local API Gateway fills in path parameters
 * from it, and {@code TodoApi} routes by it; a new route is one entry here plus its handler.
 */
public enum ApiRoute {
  LIST_TODOS("GET", "/todo", ServiceFunction.TODOS_API, List.of("limit", "next_token"), Body.NONE),
  CREATE_TODO("POST", "/todo", ServiceFunction.TODOS_API, List.of(), Body.NEW_TODO),
  GET_TODO("GET", "/todo/{todoId}", ServiceFunction.TODOS_API, List.of(), Body.NONE),
  UPDATE_TODO("PATCH", "/todo/{todoId}", ServiceFunction.TODOS_API, List.of(), Body.TODO_CHANGES),
  DELETE_TODO("DELETE", "/todo/{todoId}", ServiceFunction.TODOS_API, List.of(), Body.NONE),
  REQUEST_UPLOAD("POST", "/imports", ServiceFunction.UPLOADS_API, List.of(), Body.UPLOAD_REQUEST),
  LIST_IMPORTS("GET", "/imports", ServiceFunction.IMPORT_STATUS_API, List.of("limit", "next_token", "key"), Body.NONE),
  GET_IMPORT("GET", "/imports/{importId}", ServiceFunction.IMPORT_STATUS_API, List.of(), Body.NONE),
  START_EXPORT("POST", "/exports", ServiceFunction.EXPORTS_API, List.of(), Body.EXPORT_REQUEST),
  LIST_EXPORTS("GET", "/exports", ServiceFunction.EXPORTS_API, List.of("limit"), Body.NONE),
  GET_EXPORT("GET", "/exports/{exportId}", ServiceFunction.EXPORTS_API, List.of(), Body.NONE);

  /** What a route's request body is: none, or the JSON object the stack's request model describes. */
  public enum Body { NONE, NEW_TODO, TODO_CHANGES, UPLOAD_REQUEST, EXPORT_REQUEST }

  /** A request's route and the path parameters its path gave. */
  public record Match(ApiRoute route, Map<String, String> pathParameters) {
  }

  private final String method;
  private final String path;
  private final ServiceFunction function;
  private final List<String> queryParameters;
  private final Body body;

  ApiRoute(String method, String path, ServiceFunction function, List<String> queryParameters, Body body) {
    this.method = method;
    this.path = path;
    this.function = function;
    this.queryParameters = queryParameters;
    this.body = body;
  }

  public String method() {
    return method;
  }

  /** The resource path, as API Gateway names it: {@code /todo/{todoId}}. */
  public String path() {
    return path;
  }

  public ServiceFunction function() {
    return function;
  }

  public List<String> queryParameters() {
    return queryParameters;
  }

  public Body body() {
    return body;
  }

  /** The path's segments: {@code ["todo", "{todoId}"]}. */
  public List<String> segments() {
    return List.of(path.substring(1).split("/"));
  }

  /** The path parameters a request path's segments give under this route's path, if it matches. */
  public Optional<Map<String, String>> match(List<String> requestSegments) {
    List<String> parts = segments();
    if (parts.size() != requestSegments.size()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.startsWith("{")) {
        parameters.put(part.substring(1, part.length() - 1), requestSegments.get(i));
      } else if (!part.equals(requestSegments.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }

  /** The route of this method and path, if there is one. */
  public static Optional<Match> find(String method, List<String> segments) {
    for (ApiRoute route : values()) {
      Optional<Map<String, String>> parameters = route.match(segments);
      if (parameters.isPresent() && route.method.equals(method)) {
        return Optional.of(new Match(route, parameters.get()));
      }
    }
    return Optional.empty();
  }

  /** The first route at this path whatever its method (the resource API Gateway names for it), if there is one. */
  public static Optional<Match> atPath(List<String> segments) {
    for (ApiRoute route : values()) {
      Optional<Map<String, String>> parameters = route.match(segments);
      if (parameters.isPresent()) {
        return Optional.of(new Match(route, parameters.get()));
      }
    }
    return Optional.empty();
  }

  /** The methods routed at this path (for a 405's {@code Allow}); empty if no route has the path. */
  public static List<String> methodsAt(List<String> segments) {
    return Arrays.stream(values()).filter(r -> r.match(segments).isPresent()).map(ApiRoute::method).toList();
  }
}
