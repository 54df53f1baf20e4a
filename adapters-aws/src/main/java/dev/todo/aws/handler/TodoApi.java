package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.todo.aws.ApiRoute;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.Todo;
import dev.todo.ports.Page;
import dev.todo.ports.UploadLinks;
import dev.todo.usecase.ExportDesk;
import dev.todo.usecase.ImportDesk;
import dev.todo.usecase.Result;
import dev.todo.usecase.TodoService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The REST API behind API Gateway (proxy integration), one handler per {@link ApiRoute}: {@code /todo} (GET list, POST create),
 * {@code /todo/{todoId}} (GET, PATCH, DELETE), {@code /imports} (POST: an upload link) and
 * {@code /imports/{importId}} (GET: status and counters), {@code /exports} (POST: start one, GET: the newest) and
 * {@code /exports/{exportId}} (GET: status, counters and, when done, a download link). JSON in and out; every error has a JSON message. A todo
 * comes with its version as an {@code ETag}; {@code If-Match} makes a PATCH or DELETE conditional (412 when the todo
 * has moved on).
 */
public final class TodoApi implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  /** The body of {@code POST /imports}: the file's name and its format options; other fields are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record UploadRequest(String fileName, String format, String delimiter, List<String> header) {

    /** The options as the object's metadata names them ({@link FileFormat}). */
    Map<String, String> formatOptions() {
      return FileFormat.options(format, delimiter, header);
    }
  }

  /** The body of {@code POST /exports}: the format and the filter, each optional; other fields are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ExportRequest(String format, Boolean completed, String importId) {
  }

  private final Map<ApiRoute, Function<ApiRequest, APIGatewayProxyResponseEvent>> handlers = new EnumMap<>(ApiRoute.class);
  private final Consumer<String> log;

  public TodoApi() {
    this(Default.RUNTIME.todoService(), Default.RUNTIME.importDesk(), Default.RUNTIME.exportDesk());
  }

  public TodoApi(TodoService todos, ImportDesk imports, ExportDesk exports) {
    this(todos, imports, exports, line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public TodoApi(TodoService todos, ImportDesk imports, ExportDesk exports, Consumer<String> log) {
    this.log = log;
    handlers.put(ApiRoute.LIST_TODOS, r -> answer(todos.list(r.query("limit"), r.query("next_token")), 200, TodoApi::page));
    handlers.put(ApiRoute.CREATE_TODO, r -> with(r.object(), body -> todo(todos.create(body), 201)));
    handlers.put(ApiRoute.GET_TODO, r -> todo(todos.get(r.pathParameter("todoId")), 200));
    handlers.put(ApiRoute.UPDATE_TODO, r -> with(r.object(),
        body -> todo(todos.update(r.pathParameter("todoId"), body, EntityTags.versions(r.header("If-Match"))), 200)));
    handlers.put(ApiRoute.DELETE_TODO, r -> answer(
        todos.delete(r.pathParameter("todoId"), EntityTags.versions(r.header("If-Match"))), 204, deleted -> null));
    handlers.put(ApiRoute.REQUEST_UPLOAD, r -> with(r.optional(UploadRequest.class)
            .orElse(new Result.Ok<>(new UploadRequest(null, null, null, null))),
        body -> answer(imports.requestUpload(Optional.ofNullable(body.fileName()), body.formatOptions()), 201, TodoApi::link)));
    handlers.put(ApiRoute.LIST_IMPORTS, r -> answer(imports.list(r.query("limit"), r.query("next_token"), r.query("key")), 200,
        TodoApi::importPage));
    handlers.put(ApiRoute.GET_IMPORT, r -> answer(imports.find(r.pathParameter("importId")), 200, ApiJson::importRecord));
    handlers.put(ApiRoute.START_EXPORT, r -> with(r.optional(ExportRequest.class).orElse(new Result.Ok<>(new ExportRequest(null, null, null))),
        body -> answer(exports.start(Optional.ofNullable(body.format()), Optional.ofNullable(body.completed()),
            Optional.ofNullable(body.importId())), 202, e -> ApiJson.exportRecord(e, Optional.empty()))));
    handlers.put(ApiRoute.LIST_EXPORTS, r -> answer(exports.list(r.query("limit")), 200,
        page -> Map.of("items", page.items().stream().map(e -> ApiJson.exportRecord(e, exports.downloadLink(e))).toList())));
    handlers.put(ApiRoute.GET_EXPORT, r -> answer(exports.find(r.pathParameter("exportId")), 200,
        e -> ApiJson.exportRecord(e, exports.downloadLink(e))));
    if (handlers.size() != ApiRoute.values().length) {
      throw new IllegalStateException("a route without a handler: " + java.util.EnumSet.complementOf(java.util.EnumSet.copyOf(handlers.keySet())));
    }
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    ApiRequest request = ApiRequest.of(event);
    try {
      return route(request);
    } catch (RuntimeException e) {
      JsonLog.of(context, log).warn("request failed", Map.of("method", request.method(), "path", request.path(),
          "error", String.valueOf(e)));
      return ApiJson.error(500, "internal error");
    }
  }

  private APIGatewayProxyResponseEvent route(ApiRequest request) {
    Optional<ApiRoute.Match> match = ApiRoute.find(request.method(), request.segments());
    if (match.isPresent()) {
      return handlers.get(match.get().route()).apply(request.withPathParameters(match.get().pathParameters()));
    }
    List<String> allowed = ApiRoute.methodsAt(request.segments());
    if (allowed.isEmpty()) {
      return ApiJson.error(404, "no route for " + request.method() + " " + request.path());
    }
    String allow = String.join(", ", allowed);
    APIGatewayProxyResponseEvent response = ApiJson.error(405, request.method() + " is not allowed here; use " + allow);
    response.getHeaders().put("Allow", allow);
    return response;
  }

  /** Goes on with a parsed body, or answers 400 with why it could not be read. */
  private static <T> APIGatewayProxyResponseEvent with(Result<T> parsed,
      Function<T, APIGatewayProxyResponseEvent> then) {
    return parsed instanceof Result.Ok<T> ok ? then.apply(ok.value()) : answer(parsed, 200, value -> value);
  }

  private static <T> APIGatewayProxyResponseEvent answer(Result<T> result, int okStatus, Function<T, Object> json) {
    return result instanceof Result.Ok<T> ok ? ApiJson.respond(okStatus, json.apply(ok.value())) : failure(result);
  }

  /** A todo with its {@code ETag}, or why there is none. */
  private static APIGatewayProxyResponseEvent todo(Result<Todo> result, int okStatus) {
    return result instanceof Result.Ok<Todo> ok ? ApiJson.todo(okStatus, ok.value()) : failure(result);
  }

  private static APIGatewayProxyResponseEvent failure(Result<?> result) {
    if (result instanceof Result.Invalid<?> invalid) {
      return ApiJson.error(400, invalid.message());
    }
    if (result instanceof Result.Stale<?> stale) {
      return ApiJson.error(412, stale.message());
    }
    return ApiJson.error(404, ((Result.NotFound<?>) result).message());
  }

  private static Object page(Page<Todo> page) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", page.items().stream().map(ApiJson::todo).toList());
    page.nextToken().ifPresent(t -> json.put("nextToken", t)); // the seed's name; the request's is next_token
    return json;
  }

  private static Object importPage(Page<ImportRecord> page) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", page.items().stream().map(ApiJson::importRecord).toList());
    page.nextToken().ifPresent(t -> json.put("nextToken", t));
    return json;
  }

  private static Object link(UploadLinks.UploadLink link) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("method", link.method());
    json.put("uploadUrl", link.url().toString());
    json.put("fields", link.fields()); // form fields, in order, then the file as the field "file"
    json.put("bucket", link.bucket());
    json.put("key", link.key());
    json.put("maxBytes", link.maxBytes());
    json.put("expiresAt", link.expiresAt().toString());
    // the import id depends on the uploaded object's ETag, unknown before the upload: find the import by its key
    json.put("imports", "/imports?key=" + URLEncoder.encode(link.key(), StandardCharsets.UTF_8));
    return json;
  }
}
