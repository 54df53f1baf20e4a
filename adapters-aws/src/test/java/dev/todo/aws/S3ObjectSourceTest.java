package dev.todo.aws;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.contract.ObjectSourceContract;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

class S3ObjectSourceTest extends ObjectSourceContract {

  private static S3Client s3;
  private static S3ObjectSource source;

  @BeforeAll
  static void bucket() {
    s3 = LocalAws.clients().s3();
    try {
      s3.createBucket(r -> r.bucket(BUCKET));
    } catch (BucketAlreadyOwnedByYouException exists) {
      // another test class made it
    }
    source = new S3ObjectSource(s3);
  }

  @Override
  protected ObjectSource source() {
    return source;
  }

  @Override
  protected ObjectRef upload(String key, byte[] content) {
    PutObjectResponse put = s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    return new ObjectRef(BUCKET, key, Optional.ofNullable(put.versionId()), Optional.of(put.eTag()));
  }
}
