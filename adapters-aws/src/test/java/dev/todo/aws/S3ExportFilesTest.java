package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.contract.ExportFilesContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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

  /**
   * A conditional write whose first try made the object but whose answer was lost (the connection dropped after the
   * server wrote it), so the client's second try is refused: this call made it all the same; another's is refused.
   */
  @Test
  void aConditionalWriteWhoseAnswerWasLostStillMadeIt() throws Exception {
    AwsClients clients = target.clients();
    SdkHttpClient real = UrlConnectionHttpClient.create();
    AtomicInteger lost = new AtomicInteger();
    SdkHttpClient losing = new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = real.prepareRequest(request);
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() throws IOException {
            HttpExecuteResponse response = call.call();
            if (request.httpRequest().firstMatchingHeader("If-None-Match").isPresent() && lost.getAndIncrement() == 0) {
              response.responseBody().ifPresent(body -> body.abort());
              throw new IOException("Unexpected end of file from server"); // made, answer lost
            }
            return response;
          }

          @Override
          public void abort() {
            call.abort();
          }
        };
      }

      @Override
      public void close() {
        real.close();
      }
    };
    try (S3Client s3 = S3Client.builder().httpClient(losing).region(clients.region()).credentialsProvider(clients.credentials())
        .forcePathStyle(true).endpointOverride(clients.endpoint("S3").orElseThrow()).build()) {
      S3ExportFiles retrying = new S3ExportFiles(s3, BUCKET);
      String key = "export-work/" + UUID.randomUUID() + "/claim.json";

      assertThat(retrying.putIfAbsent(key, "mine".getBytes(StandardCharsets.UTF_8))).isTrue();
      assertThat(lost.get()).as("tries: the lost one and the refused one").isEqualTo(2);
      assertThat(retrying.putIfAbsent(key, "another's".getBytes(StandardCharsets.UTF_8))).isFalse();
      assertThat(files.get(key)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("mine"));
    }
  }
}
