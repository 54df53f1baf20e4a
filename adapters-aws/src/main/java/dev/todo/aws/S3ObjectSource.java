package dev.todo.aws;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.ObjectNotFoundException;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.StoredObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Import files in S3: streamed GetObject pinned to the notified version (or, unversioned, to its ETag with
 * If-Match), ranged from an offset to resume; error reports written under {@code import-errors/}.
 */
public final class S3ObjectSource implements ObjectSource {

  private final S3Client s3;

  public S3ObjectSource(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public StoredObject open(ObjectRef ref, long fromByte) throws ObjectNotFoundException {
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key());
    ref.versionId().ifPresentOrElse(request::versionId, () -> ref.eTag().ifPresent(e -> request.ifMatch('"' + e + '"')));
    if (fromByte > 0) {
      request.range("bytes=" + fromByte + "-");
    }
    try {
      ResponseInputStream<GetObjectResponse> in = s3.getObject(request.build());
      GetObjectResponse response = in.response();
      return new StoredObject(in, totalSize(response, fromByte), unquote(response.eTag()), Optional.ofNullable(response.versionId()),
          response.metadata());
    } catch (NoSuchKeyException e) {
      throw new ObjectNotFoundException(ref + " does not exist", e);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new ObjectNotFoundException(ref + " has been overwritten since it was uploaded", e);
      }
      if (e.statusCode() == 416) { // the offset is the end of the object: nothing left to read
        return new StoredObject(InputStream.nullInputStream(), fromByte, ref.eTag().orElse(""), ref.versionId(), Map.of());
      }
      if (e.statusCode() == 404) {
        throw new ObjectNotFoundException(ref + " does not exist", e);
      }
      throw e;
    }
  }

  @Override
  public String writeErrorReport(ObjectRef source, String csv) {
    s3.putObject(r -> r.bucket(source.bucket()).key(source.errorReportKey()).contentType("text/csv; charset=utf-8"),
        RequestBody.fromString(csv, StandardCharsets.UTF_8));
    return "s3://" + source.bucket() + "/" + source.errorReportKey();
  }

  @Override
  public Optional<String> readErrorReport(ObjectRef source) {
    try {
      return Optional.of(s3.getObjectAsBytes(r -> r.bucket(source.bucket()).key(source.errorReportKey())).asUtf8String());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  private static long totalSize(GetObjectResponse response, long fromByte) {
    String range = response.contentRange(); // "bytes 4-9/10"
    if (range != null && range.contains("/") && !range.endsWith("/*")) {
      return Long.parseLong(range.substring(range.lastIndexOf('/') + 1));
    }
    return fromByte + response.contentLength();
  }

  private static String unquote(String eTag) {
    return eTag == null ? "" : eTag.replace("\"", "");
  }
}
