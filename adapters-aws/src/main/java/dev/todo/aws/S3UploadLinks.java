package dev.todo.aws;

import dev.todo.domain.Compression;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportFileException;
import dev.todo.domain.ObjectRef;
import dev.todo.ports.UploadLinks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Utilities;

/**
 * Presigned POST uploads under {@code import/} ({@link S3PostPolicy}), so a browser or a script can upload a CSV
 * without AWS credentials: one key, the media type its name and format say, the file's format options as its
 * metadata, at most {@code maxBytes}, for a limited time.
 */
public final class S3UploadLinks implements UploadLinks {

  private final S3Utilities s3;
  private final AwsCredentialsProvider credentials;
  private final String region;
  private final String bucket;
  private final Duration validFor;
  private final long maxBytes;
  private final Clock clock;

  public S3UploadLinks(S3Utilities s3, AwsCredentialsProvider credentials, String region, String bucket, Duration validFor,
      long maxBytes, Clock clock) {
    this.s3 = s3;
    this.credentials = credentials;
    this.region = region;
    this.bucket = bucket;
    this.validFor = validFor;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  @Override
  public UploadLink create(String fileName, Map<String, String> metadata) {
    String key = ObjectRef.IMPORT_PREFIX + UUID.randomUUID() + "/" + safeName(fileName);
    Instant now = clock.instant();
    Instant expires = now.plus(validFor);
    return new UploadLink("POST", bucketUrl(), S3PostPolicy.fields(bucket, key, contentType(key, metadata), metadata, maxBytes,
        expires, credentials.resolveCredentials(), region, now), bucket, key, expires, maxBytes);
  }

  /** The bucket's own URL, where S3 takes form uploads: virtual-hosted on AWS, path-style on an endpoint override. */
  private URI bucketUrl() {
    String objectUrl = s3.getUrl(r -> r.bucket(bucket).key("k")).toString();
    try {
      return new URI(objectUrl.substring(0, objectUrl.length() - 1));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK made an invalid bucket URL: " + objectUrl, e);
    }
  }

  /**
   * The upload's media type, which S3 keeps with the object: a compressed file's by its name's ending ({@code .gz},
   * {@code .zst}), else its format's, as the import will read it (the options given, else the name's extension). The
   * import goes by the bytes and the options either way; this is what a download or the console shows.
   */
  static String contentType(String key, Map<String, String> metadata) {
    Compression compression = Compression.ofName(key);
    if (compression != Compression.NONE) {
      return compression == Compression.GZIP ? "application/gzip" : "application/zstd";
    }
    try {
      FileFormat format = FileFormat.of(metadata, key);
      if (format.kind() == FileFormat.Kind.JSON_LINES) {
        return "application/jsonl";
      }
      return format.delimiter() == '\t' ? "text/tab-separated-values" : "text/csv";
    } catch (ImportFileException refused) {
      return "text/csv"; // options the desk let through and the import refuses, with its reason, once uploaded
    }
  }

  /** Keeps letters, digits, dot, dash and underscore; anything else becomes '_'. */
  static String safeName(String fileName) {
    String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "upload.csv" : safe;
  }
}
