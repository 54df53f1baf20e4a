package dev.todo.aws;

import dev.todo.domain.ObjectRef;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** Presigned PUT URLs under {@code import/}, so a browser or a script can upload a CSV without AWS credentials. */
public final class S3UploadLinks {

  private final S3Presigner presigner;
  private final String bucket;
  private final Duration validFor;

  public S3UploadLinks(S3Presigner presigner, String bucket, Duration validFor) {
    this.presigner = presigner;
    this.bucket = bucket;
    this.validFor = validFor;
  }

  /** A presigned upload of {@code fileName} to a key of its own under {@code import/}. */
  public UploadLink create(String fileName) {
    String key = ObjectRef.IMPORT_PREFIX + UUID.randomUUID() + "/" + safeName(fileName);
    PresignedPutObjectRequest presigned = presigner.presignPutObject(r -> r.signatureDuration(validFor)
        .putObjectRequest(p -> p.bucket(bucket).key(key)));
    return new UploadLink(bucket, key, presigned.url(), presigned.expiration());
  }

  /** Keeps letters, digits, dot, dash and underscore; anything else becomes '_'. */
  static String safeName(String fileName) {
    String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "upload.csv" : safe;
  }

  /** Where to PUT the file, until when, and the key it will have. */
  public record UploadLink(String bucket, String key, URL url, Instant expiresAt) {
  }
}
