package dev.todo.local.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.local.lambda.AwsEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The local cloud's status page, under {@code /_local/} on the API's port: a static page that polls
 * {@code /_local/status} for what {@link StatusReport} gathers; {@code GET /_local/report?key=} (an error report, downloaded);
 * {@code GET /_local/events} (the latest events and the outbox's messages, for {@code todo-local events}); and
 * {@code POST /_local/redrive}, which moves the dead-letter queue's messages back to the import queue.
 *
 * <p>Only pages of this origin may redrive: the POST must carry {@code Content-Type: application/json}, which a
 * page of another origin can only send after a CORS preflight this server never grants, and any request whose
 * {@code Host} is not loopback (a DNS-rebinding page) is refused.
 */
public final class StatusPage extends Handler.Abstract {

  public static final String PREFIX = "/_local";

  private final StatusReport report;
  private final byte[] html;
  public StatusPage(StatusReport report) {
    this.report = report;
    try (InputStream page = StatusPage.class.getResourceAsStream("status.html")) {
      this.html = page.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    String host = Request.getServerName(request);
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]") && !host.equals("::1")) {
      return json(response, callback, 403, message("the status page answers on 127.0.0.1 and localhost only"));
    }
    return switch (request.getMethod() + " " + path) {
      case "GET /_local", "GET /_local/", "GET /_local/index.html" -> page(response, callback);
      case "GET /_local/status" -> json(response, callback, 200, report.status());
      case "GET /_local/events" -> json(response, callback, 200, report.events(limit(request)));
      case "POST /_local/redrive" -> redrive(request, response, callback);
      case "GET /_local/report" -> report(request, response, callback);
      default -> json(response, callback, 404, message("no such page: " + request.getMethod() + " " + path
          + " (the status page is GET " + PREFIX + "/)"));
    };
  }

  private boolean page(Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    response.write(true, ByteBuffer.wrap(html), callback);
    return true;
  }

  private boolean redrive(Request request, Response response, Callback callback) {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null || !type.startsWith("application/json")) {
      return json(response, callback, 415, message("a redrive is a POST with Content-Type: application/json"));
    }
    int moved = report.sources().redrive().getAsInt();
    return json(response, callback, 200, AwsEvents.JSON.createObjectNode().put("moved", moved));
  }

  /** An import's error report, {@code ?key=import-errors/...}, as a CSV download (a presigned GET's local stand-in). */
  private boolean report(Request request, Response response, Callback callback) {
    String key = Request.extractQueryParameters(request).getValue("key");
    if (key == null || !key.startsWith("import-errors/")) {
      return json(response, callback, 400, message("key must name an error report under import-errors/"));
    }
    Optional<byte[]> csv = report.sources().errorReport(key);
    if (csv.isEmpty()) {
      return json(response, callback, 404, message("no error report " + key));
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/csv; charset=utf-8");
    response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + key.substring(key.lastIndexOf('/') + 1)
        .replaceAll("[^\\w.\\- ]", "_") + "\"");
    response.write(true, ByteBuffer.wrap(csv.get()), callback);
    return true;
  }

  private static int limit(Request request) {
    String query = request.getHttpURI().getQuery();
    if (query != null && query.startsWith("limit=")) {
      try {
        return Math.max(1, Math.min(500, Integer.parseInt(query.substring(6))));
      } catch (NumberFormatException e) {
        return 20;
      }
    }
    return 20;
  }

  private static ObjectNode message(String text) {
    return AwsEvents.JSON.createObjectNode().put("message", text);
  }

  private static boolean json(Response response, Callback callback, int status, ObjectNode body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
