package dev.todo.aws;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.contract.ObjectSourceContract;
import java.util.Optional;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

@ParameterizedClass(name = "on {0}")
@EnumSource(AwsTarget.class)
class S3ObjectSourceTest extends ObjectSourceContract {

  @Parameter
  AwsTarget target; // the servers this run is against: the local ones, then moto

  private static S3Client s3;
  private static S3ObjectSource source;

  @BeforeParameterizedClassInvocation
  static void bucket(AwsTarget target) {
    s3 = target.clients().s3();
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
