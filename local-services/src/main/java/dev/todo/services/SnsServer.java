package dev.todo.services;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SNS topic with an email subscription on 127.0.0.1, as far as a publisher meets one: {@code Publish} (the
 * query protocol the SDK speaks to SNS) with SNS's limits (a subject of at most 100 printable ASCII characters, a
 * message of at most 256 KB, a known topic). Each message is written to the outbox, one file per message, as the
 * subscriber would read it.
 */
public final class SnsServer implements AutoCloseable {

  static final int MAX_SUBJECT = 100;
  static final int MAX_MESSAGE_BYTES = 256 * 1024;
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);

  private final HttpServer server;
  private final String topicArn;
  private final String subscriber;
  private final Path outbox;
  private final AtomicLong published = new AtomicLong();

  private SnsServer(String topicArn, String subscriber, Path outbox) {
    this.topicArn = topicArn;
    this.subscriber = subscriber;
    this.outbox = LocalServices.mkdirs(outbox);
    server = LoopbackHttpServer.create("sns", 2);
    server.createContext("/", this::handle);
  }

  /** The topic {@code topicArn}, its email subscriber {@code subscriber}, messages written under {@code outbox}. */
  public static SnsServer start(String topicArn, String subscriber, Path outbox) {
    SnsServer sns = new SnsServer(topicArn, subscriber, outbox);
    sns.server.start();
    return sns;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Where each message lands, one file per message. */
  public Path outbox() {
    return outbox;
  }

  public long published() {
    return published.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String action = form.getOrDefault("Action", "");
      if (!action.equals("Publish")) {
        error(exchange, 400, "InvalidAction", "this local topic answers Publish only, not " + action);
        return;
      }
      if (!topicArn.equals(form.get("TopicArn"))) {
        error(exchange, 404, "NotFound", "Topic does not exist");
        return;
      }
      String subject = form.getOrDefault("Subject", "");
      String message = form.getOrDefault("Message", "");
      if (subject.length() > MAX_SUBJECT || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        error(exchange, 400, "InvalidParameter", "Invalid parameter: Subject");
        return;
      }
      if (message.isEmpty() || message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
        error(exchange, 400, "InvalidParameter", "Invalid parameter: Message too long or empty");
        return;
      }
      String id = UUID.randomUUID().toString();
      Instant now = Instant.now();
      String mail = "To: " + subscriber + "\nFrom: AWS Notifications <no-reply@sns.amazonaws.com>\nDate: " + now
          + "\nSubject: " + (subject.isEmpty() ? "AWS Notification Message" : subject) + "\nTopic: " + topicArn
          + "\nMessage-Id: " + id + "\n\n" + message + "\n";
      Files.writeString(outbox.resolve(FILE_TIME.format(now) + "-" + id + ".txt"), mail, StandardCharsets.UTF_8);
      published.incrementAndGet();
      reply(exchange, 200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
          + id + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
          + "</RequestId></ResponseMetadata></PublishResponse>");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    reply(exchange, status, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>"
        + code + "</Code><Message>" + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error><RequestId>"
        + UUID.randomUUID() + "</RequestId></ErrorResponse>");
  }

  private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
    LoopbackHttpServer.reply(exchange, status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
