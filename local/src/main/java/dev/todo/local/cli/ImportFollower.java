package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.ImportId;
import dev.todo.domain.ObjectRef;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads a file under {@code import/}, follows the import through the REST API with a live progress bar
 * (rows read / queued / written / rejected; plain periodic lines where the output is no terminal), and ends with
 * the summary and the rejected rows.
 */
final class ImportFollower {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<S3Client> s3Factory;
  private S3Client s3; // made on first use: finding an import needs no SDK (a second off 'status')
  private final String bucket;
  private final URI api;
  private final Terminal out;

  ImportFollower(Supplier<S3Client> s3, String bucket, URI api, Terminal out) {
    this.s3Factory = s3;
    this.bucket = bucket;
    this.api = api;
    this.out = out;
  }

  /** Uploads the file under {@code import/}; returns the id of the import the upload starts. */
  ImportId upload(Path file) {
    return upload(file, Map.of());
  }

  /** Uploads the file with its format options as the object's metadata ({@code FileFormat}). */
  ImportId upload(Path file, Map<String, String> formatOptions) {
    String key = ObjectRef.IMPORT_PREFIX + file.getFileName();
    String eTag = s3().putObject(r -> r.bucket(bucket).key(key).metadata(formatOptions), file).eTag();
    ImportId id = ImportId.of(ObjectRef.of(bucket, key, eTag));
    out.line("Uploaded " + file + " to s3://" + bucket + "/" + key + "; import " + id);
    return id;
  }

  /** Uploads the file and returns the import's record as the API shows it when it ended or the wait did. */
  JsonNode run(Path file, Duration timeout) throws IOException, InterruptedException {
    return run(file, Map.of(), timeout);
  }

  /** The same, with the file's format options. */
  JsonNode run(Path file, Map<String, String> formatOptions, Duration timeout) throws IOException, InterruptedException {
    ImportId id = upload(file, formatOptions);
    String key = ObjectRef.IMPORT_PREFIX + file.getFileName();
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode record = null;
    while (System.nanoTime() < deadline) {
      record = status(id.value());
      if (record != null) {
        out.bar(progress(record), record.get("status").asText());
        if (!record.get("status").asText().equals("RUNNING")) {
          break;
        }
      }
      Thread.sleep(200);
    }
    out.endBar();
    if (record == null) {
      throw new IllegalStateException("the import of " + key + " did not start within " + timeout.toSeconds() + " s");
    }
    summary(record);
    return record;
  }

  /**
   * The record of the import {@code idOrFile} names: an import id, an object key ({@code import/todos.csv}) or a file
   * name ({@code todos.csv}, as {@code import} uploads it); for a key, its most recent import. Null if none.
   */
  JsonNode find(String idOrFile) throws IOException, InterruptedException {
    JsonNode byId = idOrFile.contains("/") ? null : status(idOrFile);
    if (byId != null) {
      return byId;
    }
    String key = idOrFile.startsWith(ObjectRef.IMPORT_PREFIX) ? idOrFile
        : ObjectRef.IMPORT_PREFIX + Path.of(idOrFile).getFileName();
    JsonNode page = get("/imports?limit=1&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), "the imports of " + key);
    return page == null || page.path("items").isEmpty() ? null : page.path("items").get(0);
  }

  /** The import's record as the API shows it; null if there is no such import. */
  JsonNode status(String importId) throws IOException, InterruptedException {
    return get("/imports/" + URLEncoder.encode(importId, StandardCharsets.UTF_8), "import " + importId);
  }

  private JsonNode get(String path, String what) throws IOException {
    LoopbackHttp.Answer response;
    try {
      response = LoopbackHttp.get(api.resolve(path));
    } catch (ConnectException e) {
      throw new IllegalStateException("no local cloud answers at " + api + ": is 'up' still running?");
    }
    if (response.status() == 404) {
      return null;
    }
    if (response.status() != 200) {
      throw new IllegalStateException("the local cloud could not read " + what + " (HTTP "
          + response.status() + "): its DynamoDB store may be down; see the output of 'up'");
    }
    return JSON.readTree(response.body());
  }

  /** The bar shows the rows read that were written, as the status page does: a file that failed with no rows, none. */
  static String progress(JsonNode r) {
    long read = r.get("rowsRead").asLong();
    long queued = r.get("rowsQueued").asLong();
    long written = r.get("rowsWritten").asLong();
    int width = 30;
    int filled = read == 0 ? 0 : (int) (width * Math.min(1.0, (double) written / read));
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] read " + r.get("rowsRead").asLong() + "  queued "
        + queued + "  written " + written + "  rejected " + r.get("rowsRejected").asLong() + "  failed "
        + r.path("rowsFailed").asLong() + "  " + r.get("status").asText() + "   ";
  }

  void summary(JsonNode r) {
    out.line("Import " + r.get("importId").asText() + ": " + r.get("status").asText());
    out.line("  rows read " + r.get("rowsRead").asLong() + ", written " + r.get("rowsWritten").asLong() + ", rejected "
        + r.get("rowsRejected").asLong() + ", failed " + r.path("rowsFailed").asLong());
    if (r.path("rowsFailed").asLong() > 0) {
      out.line("  " + r.path("rowsFailed").asLong() + " rows are in the dead-letter queue: fix the cause, then 'redrive'");
    }
    if (r.has("failure")) {
      out.line(Terminal.shorten("  failure: " + r.get("failure").asText()));
    }
    if (r.has("errorReport")) {
      String location = r.get("errorReport").asText();
      out.line("  error report: " + location);
      String reportKey = location.substring(("s3://" + bucket + "/").length());
      s3().getObjectAsBytes(g -> g.bucket(bucket).key(reportKey)).asUtf8String().lines().skip(1)
          .forEach(line -> out.line(Terminal.shorten("    " + line)));
    }
  }

  private S3Client s3() {
    if (s3 == null) {
      s3 = s3Factory.get();
    }
    return s3;
  }
}
