package dev.todo.aws.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.Map;

/** An HTML-form POST upload as a browser sends it: a link's fields in order, then the file. */
final class FormUpload {

  private FormUpload() {
  }

  static HttpResponse<String> send(JsonNode link, byte[] file) throws IOException, InterruptedException {
    return send(link, file, Map.of());
  }

  /** {@code changed} replaces some fields' values on the way, as a hostile client would. */
  static HttpResponse<String> send(JsonNode link, byte[] file, Map<String, String> changed)
      throws IOException, InterruptedException {
    String boundary = "----form" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    link.get("fields").properties().forEach(f -> part(body, boundary, "Content-Disposition: form-data; name=\"" + f.getKey()
        + "\"", changed.getOrDefault(f.getKey(), f.getValue().asText()).getBytes(StandardCharsets.UTF_8)));
    part(body, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"todos.csv\"\r\nContent-Type: text/csv", file);
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.get("uploadUrl").asText()))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void part(ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
    body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }
}
