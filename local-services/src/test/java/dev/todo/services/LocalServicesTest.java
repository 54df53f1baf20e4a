package dev.todo.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class LocalServicesTest {

  @Test
  void allThreeServersAnswerHttpOnLoopback() throws Exception {
    LocalServices services = LocalServices.shared();
    HttpClient http = HttpClient.newHttpClient();
    for (URI endpoint : new URI[] {services.dynamoDbEndpoint(), services.s3Endpoint(), services.sqsEndpoint()}) {
      assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(endpoint.toString()).isBetween(200, 599);
    }
  }
}
