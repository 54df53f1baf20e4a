package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.contract.ExportFilesContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

@ParameterizedClass(name = "on {0}")
@EnumSource(AwsTarget.class)
class S3ExportFilesTest extends ExportFilesContract {

  private static final String BUCKET = "export-files";

  @Parameter
  AwsTarget target; // the servers this run is against: the local ones, then moto

  private static S3ExportFiles files;

  @BeforeParameterizedClassInvocation
  static void bucket(AwsTarget target) {
    S3Client s3 = target.clients().s3();
    try {
      s3.createBucket(r -> r.bucket(BUCKET));
    } catch (BucketAlreadyOwnedByYouException exists) {
      // an earlier run made it
    }
    files = new S3ExportFiles(s3, BUCKET);
  }

  @Override
  protected ExportFiles files() {
    return files;
  }

  @Test
  void aDownloadLinkFetchesTheObjectWithoutCredentials() throws Exception {
    files.put("export/linked.csv", "todoId,name\r\n".getBytes());
    URI link = files.downloadLink("export/linked.csv", Duration.ofMinutes(5));

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("todoId,name\r\n");
  }
}
