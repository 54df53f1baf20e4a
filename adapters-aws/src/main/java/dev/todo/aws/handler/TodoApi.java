package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.todo.aws.S3UploadLinks;
import dev.todo.domain.ImportId;
import dev.todo.domain.Todo;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.Page;
import dev.todo.usecase.Result;
import dev.todo.usecase.TodoService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The REST API behind API Gateway (proxy integration): {@code /todo} (GET list, POST create),
 * {@code /todo/{todoId}} (GET, PATCH, DELETE), {@code /imports} (POST: a presigned upload URL) and
 * {@code /imports/{importId}} (GET: status and counters). JSON in and out; every error has a JSON message.
 */
public final class TodoApi implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final TodoService todos;
  private final ImportJournal imports;
  private final S3UploadLinks uploads;

  public TodoApi() {
    this(Default.RUNTIME.todoService(), Default.RUNTIME.journal(), Default.RUNTIME.uploadLinks());
  }

  public TodoApi(TodoService todos, ImportJournal imports, S3UploadLinks uploads) {
    this.todos = todos;
    this.imports = imports;
    this.uploads = uploads;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    try {
      return route(request);
    } catch (JsonProcessingException e) {
      return ApiJson.error(400, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      context.getLogger().log("request " + request.getHttpMethod() + " " + request.getPath() + " failed: " + e);
      return ApiJson.error(500, "internal error");
    }
  }

  private APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent request) throws JsonProcessingException {
    String method = Optional.ofNullable(request.getHttpMethod()).orElse("GET").toUpperCase(java.util.Locale.ROOT);
    List<String> path = segments(request.getPath());
    if (path.size() == 1 && path.get(0).equals("todo")) {
      return switch (method) {
        case "GET" -> answer(todos.list(query(request, "limit"), query(request, "next_token")), 200, TodoApi::page);
        case "POST" -> answer(todos.create(body(request)), 201, ApiJson::todo);
        default -> notAllowed(method, "GET, POST");
      };
    }
    if (path.size() == 2 && path.get(0).equals("todo")) {
      String id = pathParameter(request, "todoId").orElse(path.get(1));
      return switch (method) {
        case "GET" -> answer(todos.get(id), 200, ApiJson::todo);
        case "PATCH" -> answer(todos.update(id, body(request)), 200, ApiJson::todo);
        case "DELETE" -> answer(todos.delete(id), 204, deleted -> null);
        default -> notAllowed(method, "GET, PATCH, DELETE");
      };
    }
    if (path.size() == 1 && path.get(0).equals("imports")) {
      if (!method.equals("POST")) {
        return notAllowed(method, "POST");
      }
      Object fileName = bodyOrEmpty(request).getOrDefault("fileName", "upload.csv");
      if (!(fileName instanceof String name) || name.isBlank()) {
        return ApiJson.error(400, "fileName must be a non-blank string");
      }
      S3UploadLinks.UploadLink link = uploads.create(name);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("method", "PUT");
      json.put("uploadUrl", link.url().toString());
      json.put("bucket", link.bucket());
      json.put("key", link.key());
      json.put("expiresAt", link.expiresAt().toString());
      return ApiJson.respond(201, json);
    }
    if (path.size() == 2 && path.get(0).equals("imports")) {
      if (!method.equals("GET")) {
        return notAllowed(method, "GET");
      }
      String id = pathParameter(request, "importId").orElse(path.get(1));
      return imports.find(new ImportId(id)).map(r -> ApiJson.respond(200, ApiJson.importRecord(r)))
          .orElseGet(() -> ApiJson.error(404, "no import " + id));
    }
    return ApiJson.error(404, "no route for " + method + " " + request.getPath());
  }

  private static <T> APIGatewayProxyResponseEvent answer(Result<T> result, int okStatus, Function<T, Object> json) {
    if (result instanceof Result.Ok<T> ok) {
      return ApiJson.respond(okStatus, json.apply(ok.value()));
    }
    if (result instanceof Result.Invalid<T> invalid) {
      return ApiJson.error(400, invalid.message());
    }
    return ApiJson.error(404, "no todo " + ((Result.NotFound<T>) result).todoId());
  }

  private static Object page(Page<Todo> page) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", page.items().stream().map(ApiJson::todo).toList());
    page.nextToken().ifPresent(t -> json.put("next_token", t));
    return json;
  }

  private static APIGatewayProxyResponseEvent notAllowed(String method, String allowed) {
    APIGatewayProxyResponseEvent response = ApiJson.error(405, method + " is not allowed here; use " + allowed);
    response.getHeaders().put("Allow", allowed);
    return response;
  }

  private static Map<String, Object> body(APIGatewayProxyRequestEvent request) throws JsonProcessingException {
    String text = text(request);
    if (text.isBlank()) {
      throw new EmptyBody();
    }
    return parse(text);
  }

  private static Map<String, Object> bodyOrEmpty(APIGatewayProxyRequestEvent request) throws JsonProcessingException {
    String text = text(request);
    return text.isBlank() ? Map.of() : parse(text);
  }

  private static Map<String, Object> parse(String text) throws JsonProcessingException {
    Object value = ApiJson.MAPPER.readValue(text, Object.class);
    if (!(value instanceof Map<?, ?>)) {
      throw new NotAnObject();
    }
    return ApiJson.MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() { });
  }

  private static String text(APIGatewayProxyRequestEvent request) {
    String body = Optional.ofNullable(request.getBody()).orElse("");
    return Boolean.TRUE.equals(request.getIsBase64Encoded())
        ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
  }

  private static Optional<String> query(APIGatewayProxyRequestEvent request, String name) {
    return Optional.ofNullable(request.getQueryStringParameters()).map(q -> q.get(name));
  }

  private static Optional<String> pathParameter(APIGatewayProxyRequestEvent request, String name) {
    return Optional.ofNullable(request.getPathParameters()).map(p -> p.get(name));
  }

  private static List<String> segments(String path) {
    return java.util.Arrays.stream(Optional.ofNullable(path).orElse("").split("/")).filter(s -> !s.isEmpty())
        .map(s -> java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
  }

  /** A request that needs a JSON object as its body sent none. */
  private static final class EmptyBody extends JsonProcessingException {
    EmptyBody() {
      super("a JSON object body is required");
    }
  }

  /** The body is JSON but not an object. */
  private static final class NotAnObject extends JsonProcessingException {
    NotAnObject() {
      super("the body must be a JSON object");
    }
  }
}
