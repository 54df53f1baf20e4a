package dev.todo.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.aws.AwsRuntime;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TodoApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TodoApi api;
  private static AwsRuntime runtime;
  private static LocalStack stack;

  @BeforeAll
  static void api() {
    stack = new LocalStack(Map.of());
    runtime = stack.runtime();
    api = new TodoApi(runtime.todoService(), runtime.importDesk(), runtime.exportDesk());
  }

  @Test
  void postCreatesATodoFromTheFixture() throws Exception {
    APIGatewayProxyResponseEvent response = api.handleRequest(EventLoader.loadApiGatewayRestEvent("events/api-post-todo.json"),
        Contexts.plenty());
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode todo = JSON.readTree(response.getBody());
    assertThat(todo.get("name").asText()).isEqualTo("from a fixture");
    assertThat(todo.get("completed").asBoolean()).isFalse();
    assertThat(todo.get("project").asText()).isEqualTo("api");
    assertThat(todo.get("createdAt").asLong()).isPositive();
    assertThat(call("GET", "/todo/" + todo.get("todoId").asText(), null, null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void badBodiesAre400WithAMessage() throws Exception {
    assertError(call("POST", "/todo", "{\"completed\":true}", null), 400, "name is required");
    assertError(call("POST", "/todo", "{\"name\":\"   \"}", null), 400, "must not be blank");
    assertError(call("POST", "/todo", "{not json", null), 400, "not valid JSON");
    assertError(call("POST", "/todo", "[1,2]", null), 400, "must be a JSON object");
    assertError(call("POST", "/todo", "", null), 400, "JSON object body is required");
    assertError(call("POST", "/todo", "{\"name\":\"x\",\"completed\":\"yes\"}", null), 400, "completed must be true or false");
  }

  @Test
  void getPatchAndDeleteOneTodo() throws Exception {
    String id = JSON.readTree(call("POST", "/todo", "{\"name\":\"walk the dog\"}", null).getBody()).get("todoId").asText();

    APIGatewayProxyResponseEvent patched = call("PATCH", "/todo/" + id, "{\"completed\":true}", null);
    assertThat(patched.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(patched.getBody()).get("completed").asBoolean()).isTrue();
    assertThat(JSON.readTree(call("GET", "/todo/" + id, null, null).getBody()).get("name").asText()).isEqualTo("walk the dog");
    assertError(call("PATCH", "/todo/" + id, "{\"name\":\"\"}", null), 400, "must not be blank");

    APIGatewayProxyResponseEvent deleted = call("DELETE", "/todo/" + id, null, null);
    assertThat(deleted.getStatusCode()).isEqualTo(204);
    assertError(call("DELETE", "/todo/" + id, null, null), 404, "no todo " + id);
    assertError(call("GET", "/todo/" + id, null, null), 404, "no todo " + id);
    assertError(call("PATCH", "/todo/" + id, "{\"completed\":false}", null), 404, "no todo " + id);
  }

  @Test
  void ifMatchWithAStaleETagIs412AndChangesNothing() throws Exception {
    APIGatewayProxyResponseEvent created = call("POST", "/todo", "{\"name\":\"paint the fence\"}", null);
    String id = JSON.readTree(created.getBody()).get("todoId").asText();
    String first = created.getHeaders().get("ETag");
    assertThat(first).isEqualTo("\"1\"");
    assertThat(call("GET", "/todo/" + id, null, null).getHeaders()).containsEntry("ETag", first);

    APIGatewayProxyResponseEvent renamed = call("PATCH", "/todo/" + id, "{\"name\":\"paint it red\"}", null, Map.of("if-match", first));
    assertThat(renamed.getStatusCode()).isEqualTo(200);
    String second = renamed.getHeaders().get("ETag");
    assertThat(second).isEqualTo("\"2\"");
    assertThat(JSON.readTree(renamed.getBody()).get("version").asLong()).isEqualTo(2);

    assertError(call("PATCH", "/todo/" + id, "{\"name\":\"paint it blue\"}", null, Map.of("If-Match", first)), 412,
        "has changed since it was read: it is at version 2");
    assertError(call("DELETE", "/todo/" + id, null, null, Map.of("If-Match", first)), 412, "version 2");
    assertError(call("DELETE", "/todo/" + id, null, null, Map.of("If-Match", "W/" + second)), 412, "version 2");
    assertError(call("DELETE", "/todo/" + id, null, null, Map.of("If-Match", "\"not-ours\"")), 412, "version 2");
    assertThat(JSON.readTree(call("GET", "/todo/" + id, null, null).getBody()).get("name").asText()).isEqualTo("paint it red");

    assertThat(call("PATCH", "/todo/" + id, "{\"completed\":true}", null, Map.of("If-Match", first + ", " + second))
        .getStatusCode()).isEqualTo(200);
    assertThat(call("DELETE", "/todo/" + id, null, null, Map.of("If-Match", "*")).getStatusCode()).isEqualTo(204);
    assertError(call("PATCH", "/todo/" + id, "{\"completed\":true}", null, Map.of("If-Match", second)), 404, "no todo " + id);
  }

  @Test
  void listingPagesWithLimitAndNextToken() throws Exception {
    for (int i = 0; i < 5; i++) {
      call("POST", "/todo", "{\"name\":\"page " + i + "\"}", null);
    }
    Set<String> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, String> query = token == null ? Map.of("limit", "2") : Map.of("limit", "2", "next_token", token);
      APIGatewayProxyResponseEvent page = call("GET", "/todo", null, query);
      assertThat(page.getStatusCode()).isEqualTo(200);
      JsonNode json = JSON.readTree(page.getBody());
      assertThat(json.get("items").size()).isLessThanOrEqualTo(2);
      json.get("items").forEach(t -> assertThat(seen.add(t.get("todoId").asText())).isTrue());
      token = json.hasNonNull("nextToken") ? json.get("nextToken").asText() : null;
      assertThat(json.has("next_token")).isFalse();
      pages++;
    } while (token != null);
    assertThat(seen.size()).isGreaterThanOrEqualTo(5);
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertError(call("GET", "/todo", null, Map.of("limit", "lots")), 400, "limit must be");
    assertError(call("GET", "/todo", null, Map.of("next_token", "forged")), 400, "next_token is not valid");
  }

  @Test
  void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
    assertError(call("GET", "/nothing-here", null, null), 404, "no route for GET /nothing-here");
    APIGatewayProxyResponseEvent put = call("PUT", "/todo", "{}", null);
    assertError(put, 405, "PUT is not allowed here");
    assertThat(put.getHeaders()).containsEntry("Allow", "GET, POST");
  }

  @Test
  void postImportsGivesAPresignedPostThatAcceptsAnUploadOfItsKeyOnly() throws Exception {
    APIGatewayProxyResponseEvent response = call("POST", "/imports", "{\"fileName\":\"my list.csv\"}", null);
    assertThat(response.getStatusCode()).isEqualTo(201);
    JsonNode link = JSON.readTree(response.getBody());
    String key = link.get("key").asText();
    assertThat(key).startsWith("import/").endsWith("/my_list.csv");
    assertThat(link.get("method").asText()).isEqualTo("POST");
    assertThat(link.get("maxBytes").asLong()).isEqualTo(1L << 30);
    assertThat(link.get("imports").asText()).isEqualTo("/imports?key=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8));

    HttpResponse<String> elsewhere = FormUpload.send(link, "name\nnot here\n".getBytes(StandardCharsets.UTF_8),
        Map.of("key", "import/somewhere-else.csv"));
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403); // the policy names one key
    HttpResponse<String> upload = FormUpload.send(link, "name\nuploaded without credentials\n".getBytes(StandardCharsets.UTF_8));
    assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 204);
    assertThat(stack.s3.getObjectAsBytes(r -> r.bucket(LocalStack.BUCKET).key(key)).asUtf8String())
        .isEqualTo("name\nuploaded without credentials\n");
  }

  @Test
  void postImportsWithFormatOptionsPinsThemOnTheUploadedObject() throws Exception {
    JsonNode link = JSON.readTree(call("POST", "/imports",
        "{\"fileName\":\"plain.txt\",\"delimiter\":\";\",\"header\":[\"name\",\"Zeit, lokal\"]}", null).getBody());
    assertThat(link.get("fields").get("x-amz-meta-delimiter").asText()).isEqualTo(";");
    assertThat(link.get("fields").get("x-amz-meta-header").asText()).isEqualTo("name,Zeit%2C%20lokal");

    HttpResponse<String> changed = FormUpload.send(link, "milk;früh\n".getBytes(StandardCharsets.UTF_8),
        Map.of("x-amz-meta-delimiter", ","));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(403); // the policy pins the options
    HttpResponse<String> upload = FormUpload.send(link, "milk;früh\n".getBytes(StandardCharsets.UTF_8));
    assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 204);
    assertThat(stack.s3.headObject(r -> r.bucket(LocalStack.BUCKET).key(link.get("key").asText())).metadata())
        .containsEntry("delimiter", ";").containsEntry("header", "name,Zeit%2C%20lokal");

    assertError(call("POST", "/imports", "{\"fileName\":\"x.csv\",\"format\":\"xml\"}", null), 400,
        "'format' is 'xml': use csv, tsv or jsonl");
    assertError(call("POST", "/imports", "{\"fileName\":\"x.csv\",\"delimiter\":\"\\\"\"}", null), 400,
        "must be one character other than a quote");
  }

  @Test
  void anUploadLinkGivesTheMediaTypeOfItsFormatOrItsCompression() throws Exception {
    Map<String, String> types = new java.util.LinkedHashMap<>();
    for (String body : List.of("{\"fileName\":\"todos.csv\"}", "{\"fileName\":\"todos.tsv\"}",
        "{\"fileName\":\"plain.txt\",\"format\":\"tsv\"}", "{\"fileName\":\"todos.jsonl\"}",
        "{\"fileName\":\"x.csv\",\"format\":\"jsonl\"}", "{\"fileName\":\"todos.csv.gz\"}",
        "{\"fileName\":\"todos.jsonl.zst\"}", "{\"fileName\":\"x.txt\",\"delimiter\":\";\"}")) {
      types.put(body, JSON.readTree(call("POST", "/imports", body, null).getBody()).get("fields").get("Content-Type").asText());
    }
    assertThat(types.values()).containsExactly("text/csv", "text/tab-separated-values", "text/tab-separated-values",
        "application/jsonl", "application/jsonl", "application/gzip", "application/zstd", "text/csv");

    JsonNode link = JSON.readTree(call("POST", "/imports", "{\"fileName\":\"todos.jsonl\"}", null).getBody());
    HttpResponse<String> upload = FormUpload.send(link, "{\"name\":\"jam\"}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 204);
    assertThat(stack.s3.headObject(r -> r.bucket(LocalStack.BUCKET).key(link.get("key").asText())).contentType())
        .isEqualTo("application/jsonl");
  }

  @Test
  void anUploadOverTheLimitIsRefusedByThePolicy() throws Exception {
    AwsRuntime small = new LocalStack(Map.of("UPLOAD_MAX_MB", "1")).runtime();
    TodoApi smallApi = new TodoApi(small.todoService(), small.importDesk(), small.exportDesk());
    JsonNode link = JSON.readTree(smallApi.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
        .withPath("/imports").withBody("{\"fileName\":\"big.csv\"}"), Contexts.plenty()).getBody());

    HttpResponse<String> tooBig = FormUpload.send(link, new byte[(1 << 20) + 1]);

    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(400);
    assertThat(tooBig.body()).contains("EntityTooLarge");
    assertThat(stack.s3.listObjectsV2(r -> r.bucket(LocalStack.BUCKET).prefix(link.get("key").asText())).contents()).isEmpty();
    assertThat(FormUpload.send(link, new byte[1 << 20]).statusCode()).isBetween(200, 204);
  }

  @Test
  void aPresignedUploadOfTwoHundredMebibytesIsStoredLocally() throws Exception {
    JsonNode link = JSON.readTree(call("POST", "/imports", "{\"fileName\":\"large.csv\"}", null).getBody());
    byte[] file = new byte[200 << 20];
    java.util.Arrays.fill(file, (byte) 'x');

    HttpResponse<String> upload = FormUpload.send(link, file);

    assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 204);
    String key = link.get("key").asText();
    assertThat(stack.s3.headObject(r -> r.bucket(LocalStack.BUCKET).key(key)).contentLength()).isEqualTo(200L << 20);
    stack.s3.deleteObject(r -> r.bucket(LocalStack.BUCKET).key(key));
  }

  @Test
  void aFileNameOverTwoHundredCharactersIsA400() throws Exception {
    assertError(call("POST", "/imports", "{\"fileName\":\"" + "x".repeat(2_000) + ".csv\"}", null), 400,
        "fileName is at most 200 characters long");
  }

  @Test
  void getImportShowsStatusAndCounters() throws Exception {
    ImportRecord record = runtime.journal().begin(ImportRecord.started(ObjectRef.of(LocalStack.BUCKET, "import/api.csv", "etag"), 42));
    APIGatewayProxyResponseEvent response = call("GET", "/imports/" + record.importId(), null, null);
    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(response.getBody());
    assertThat(json.get("status").asText()).isEqualTo("RUNNING");
    assertThat(json.get("source").get("key").asText()).isEqualTo("import/api.csv");
    assertThat(json.get("rowsWritten").asLong()).isZero();
    assertError(call("GET", "/imports/unknown", null, null), 404, "no import unknown");
  }

  @Test
  void postExportsStartsAnExportWhoseCountersGetAnswersAndBadRequestsAre400() throws Exception {
    APIGatewayProxyResponseEvent started = call("POST", "/exports", "{\"format\":\"tsv\",\"completed\":true}", null);

    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(202);
    JsonNode record = JSON.readTree(started.getBody());
    assertThat(record.get("status").asText()).isEqualTo("RUNNING");
    assertThat(record.get("key").asText()).isEqualTo("export/" + record.get("exportId").asText() + ".tsv");
    assertThat(record.get("filter").get("completed").asBoolean()).isTrue();
    String id = record.get("exportId").asText();
    JsonNode found = JSON.readTree(call("GET", "/exports/" + id, null, null).getBody());
    assertThat(found.get("segments").asInt()).isEqualTo(8);
    assertThat(found.get("rowsExported").asLong()).isZero(); // no worker here: its tasks wait on the queue
    assertThat(found.has("downloadUrl")).isFalse();
    assertThat(JSON.readTree(call("GET", "/exports", null, Map.of("limit", "1")).getBody()).get("items").get(0)
        .get("exportId").asText()).isEqualTo(id);
    assertThat(call("POST", "/exports", null, null).getStatusCode()).isEqualTo(202); // no body: every todo, as CSV
    assertError(call("POST", "/exports", "{\"format\":\"xlsx\"}", null), 400, "format is 'xlsx': use csv, tsv or jsonl");
    assertThat(call("POST", "/exports", "{\"completed\":\"maybe\"}", null).getStatusCode()).isEqualTo(400);
    assertError(call("POST", "/exports", "{\"importId\":\"\"}", null), 400, "importId must be a non-blank string");
    assertError(call("GET", "/exports/..%2Fimport", null, null), 400, "is not an export id");
    assertError(call("GET", "/exports/20261207T053000Z-00000000", null, null), 404, "no export 20261207T053000Z-00000000");
    assertError(call("GET", "/exports", null, Map.of("limit", "0")), 400, "limit must be a whole number from 1 to 100");
  }

  private static APIGatewayProxyResponseEvent call(String method, String path, String body, Map<String, String> query) {
    return call(method, path, body, query, Map.of());
  }

  private static APIGatewayProxyResponseEvent call(String method, String path, String body, Map<String, String> query,
      Map<String, String> headers) {
    APIGatewayProxyRequestEvent request = EventLoader.loadApiGatewayRestEvent("events/api-post-todo.json");
    Map<String, String> allHeaders = new java.util.HashMap<>(request.getHeaders() == null ? Map.of() : request.getHeaders());
    allHeaders.putAll(headers);
    request.setHeaders(allHeaders);
    request.setHttpMethod(method);
    request.setPath(path);
    request.setResource(path);
    request.setBody(body);
    request.setQueryStringParameters(query);
    String[] parts = path.split("/");
    request.setPathParameters(parts.length == 3 ? Map.of(parts[1].equals("todo") ? "todoId" : "importId", parts[2]) : null);
    return api.handleRequest(request, Contexts.plenty());
  }

  private static void assertError(APIGatewayProxyResponseEvent response, int status, String message) throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(JSON.readTree(response.getBody()).get("message").asText()).contains(message);
  }
}
