package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.usecase.Result;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One API Gateway request as the routes read it: method, path segments, path and query parameters, headers (by
 * lower-case name), JSON body.
 */
record ApiRequest(String method, String path, List<String> segments, Map<String, String> pathParameters,
                  Map<String, String> query, Map<String, String> headers, String body) {

  static ApiRequest of(APIGatewayProxyRequestEvent event) {
    String path = Optional.ofNullable(event.getPath()).orElse("");
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    String body = Optional.ofNullable(event.getBody()).orElse("");
    if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    return new ApiRequest(Optional.ofNullable(event.getHttpMethod()).orElse("GET").toUpperCase(Locale.ROOT), path,
        segments, Optional.ofNullable(event.getPathParameters()).orElse(Map.of()),
        Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of()), lowerCase(event.getHeaders()), body);
  }

  private static Map<String, String> lowerCase(Map<String, String> headers) {
    Map<String, String> lower = new HashMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    }
    return lower;
  }

  /** This request with the parameters its route's pattern gave, API Gateway's own taking precedence. */
  ApiRequest withPathParameters(Map<String, String> matched) {
    Map<String, String> all = new HashMap<>(matched);
    all.putAll(pathParameters);
    return new ApiRequest(method, path, segments, Map.copyOf(all), query, headers, body);
  }

  String pathParameter(String name) {
    return pathParameters.get(name);
  }

  Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The body as a JSON object; a missing, malformed or non-object body is an invalid request. */
  Result<Map<String, Object>> object() {
    if (body.isBlank()) {
      return new Result.Invalid<>("a JSON object body is required");
    }
    return read(tree -> ApiJson.MAPPER.convertValue(tree, OBJECT));
  }

  /** The body read as {@code type} (a record); an empty body is {@code Optional.empty()}. */
  <T> Optional<Result<T>> optional(Class<T> type) {
    return body.isBlank() ? Optional.empty() : Optional.of(read(tree -> ApiJson.MAPPER.convertValue(tree, type)));
  }

  private <T> Result<T> read(Function<JsonNode, T> convert) {
    JsonNode tree;
    try {
      tree = ApiJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return new Result.Invalid<>("the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!tree.isObject()) {
      return new Result.Invalid<>("the body must be a JSON object");
    }
    try {
      return new Result.Ok<>(convert.apply(tree));
    } catch (IllegalArgumentException e) {
      return new Result.Invalid<>("the body does not fit: " + e.getMessage());
    }
  }

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
}
