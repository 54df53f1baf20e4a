package dev.todo.aws;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.ObjectNotFoundException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An export's objects in the import bucket: its work under {@code export-work/}, its file under {@code export/}
 * written as a multipart upload (S3 takes up to 10,000 parts), downloads presigned.
 */
public final class S3ExportFiles implements ExportFiles {

  /** The most keys one DeleteObjects call takes. */
  private static final int KEYS_PER_DELETE = 1_000;

  private final S3Client s3;
  private S3Presigner presigner; // made on first use: only a finished export's link needs it, and it costs init time
  private final String bucket;

  public S3ExportFiles(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public void put(String key, byte[] content) {
    s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    try {
      s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromBytes(content));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() != 412 && e.statusCode() != 409) { // 412: there is one; 409: another such write at this moment
        throw e;
      }
      // Refused on a retry: the first try may have made the object and lost its answer (S3Proxy drops about one
      // connection in a hundred after an aws-chunked PUT; on AWS, a timeout). Then the object holds these very bytes.
      return e.numAttempts() != null && e.numAttempts() > 1 && get(key).filter(b -> Arrays.equals(b, content)).isPresent();
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(String key) throws ObjectNotFoundException {
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new ObjectNotFoundException(bucket + "/" + key + " does not exist", e);
    }
  }

  @Override
  public List<String> children(String prefix) {
    TreeSet<String> names = new TreeSet<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix).delimiter("/")).forEach(page -> {
      page.commonPrefixes().forEach(p -> names.add(p.prefix().substring(prefix.length(), p.prefix().length() - 1)));
      page.contents().forEach(o -> names.add(o.key().substring(prefix.length())));
    });
    return new ArrayList<>(names);
  }

  @Override
  public String startUpload(String key, String contentType) {
    return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId();
  }

  @Override
  public String uploadPart(String key, String uploadId, int number, byte[] content) {
    return s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number), RequestBody.fromBytes(content))
        .eTag();
  }

  @Override
  public String copyPart(String key, String uploadId, int number, String sourceKey) {
    return s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket)
        .destinationKey(key).uploadId(uploadId).partNumber(number)).copyPartResult().eTag();
  }

  @Override
  public void completeUpload(String key, String uploadId, List<String> eTags) {
    List<CompletedPart> parts = new ArrayList<>(eTags.size());
    for (int i = 0; i < eTags.size(); i++) {
      parts.add(CompletedPart.builder().partNumber(i + 1).eTag(eTags.get(i)).build());
    }
    try {
      s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (NoSuchUploadException e) {
      if (!exists(key)) { // completed once already, the upload is gone and the object there
        throw e;
      }
    }
  }

  @Override
  public void abortUpload(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (NoSuchUploadException e) {
      // aborted or completed already
    }
  }

  private boolean exists(String key) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    }
  }

  @Override
  public void delete(List<String> keys) {
    for (int from = 0; from < keys.size(); from += KEYS_PER_DELETE) {
      List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_DELETE)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
    }
  }

  @Override
  public URI downloadLink(String key, Duration validFor) {
    return URI.create(presigner().presignGetObject(r -> r.signatureDuration(validFor)
        .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
  }

  private synchronized S3Presigner presigner() {
    if (presigner == null) {
      var config = s3.serviceClientConfiguration();
      S3Presigner.Builder presign = S3Presigner.builder().s3Client(s3).region(config.region())
          .credentialsProvider(config.credentialsProvider());
      config.endpointOverride().ifPresent(presign::endpointOverride);
      presigner = presign.build();
    }
    return presigner;
  }
}
