package dev.todo.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The commands' plain-HTTP calls to a running local cloud, over {@link HttpURLConnection}: {@code java.net.http}'s
 * client costs a command 0.2-0.4 s before its first request (it makes a TLS context even for http), this one 0.04 s.
 * A refused connection is a {@link java.net.ConnectException}, as it is there.
 */
final class LoopbackHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A status and the body that came with it, an error's body included. */
  record Answer(int status, String body) {
  }

  private LoopbackHttp() {
  }

  static Answer get(URI uri) throws IOException {
    return send("GET", uri, null);
  }

  /** Streams the answer's body to {@code file} if it is 200; returns the status. */
  static int download(URI uri, Path file) throws IOException {
    HttpURLConnection c = open("GET", uri);
    try {
      int status = c.getResponseCode();
      if (status == 200) {
        try (InputStream in = c.getInputStream()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return status;
    } finally {
      c.disconnect();
    }
  }

  /** Sends {@code json} (none if null) with this method. */
  static Answer send(String method, URI uri, String json) throws IOException {
    HttpURLConnection c = open(method, uri);
    if (json != null) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static HttpURLConnection open(String method, URI uri) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout((int) TIMEOUT.toMillis());
    c.setReadTimeout((int) TIMEOUT.toMillis());
    return c;
  }
}
