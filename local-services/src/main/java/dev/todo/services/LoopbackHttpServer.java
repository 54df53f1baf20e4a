package dev.todo.services;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.Executors;

/** The JDK's HTTP server on a free port of 127.0.0.1, for the stand-ins that speak one AWS API each. */
public final class LoopbackHttpServer {

  static {
    // Without TCP_NODELAY the server's response headers and body leave as two small writes, and Nagle's algorithm
    // holds the second until the client's delayed ACK: 40 ms a call. The JDK reads this once, at its first server.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private LoopbackHttpServer() {
  }

  /** Answers {@code exchange} with a status, a content type, a request id and the body. */
  public static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A server on a free loopback port, handling requests on {@code threads} daemon threads named {@code name}. */
  public static HttpServer create(String name, int threads) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }));
    return server;
  }
}
