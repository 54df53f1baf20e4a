package dev.todo.aws;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.UploadLinks;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** Presigned PUT URLs under {@code import/}, so a browser or a script can upload a CSV without AWS credentials. */
public final class S3UploadLinks implements UploadLinks {

  private final S3Presigner presigner;
  private final String bucket;
  private final Duration validFor;

  public S3UploadLinks(S3Presigner presigner, String bucket, Duration validFor) {
    this.presigner = presigner;
    this.bucket = bucket;
    this.validFor = validFor;
  }

  @Override
  public UploadLink create(String fileName) {
    String key = ObjectRef.IMPORT_PREFIX + UUID.randomUUID() + "/" + safeName(fileName);
    PresignedPutObjectRequest presigned = presigner.presignPutObject(r -> r.signatureDuration(validFor)
        .putObjectRequest(p -> p.bucket(bucket).key(key)));
    try {
      return new UploadLink("PUT", presigned.url().toURI(), bucket, key, presigned.expiration());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK presigned an invalid URL: " + presigned.url(), e);
    }
  }

  /** Keeps letters, digits, dot, dash and underscore; anything else becomes '_'. */
  static String safeName(String fileName) {
    String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "upload.csv" : safe;
  }
}
