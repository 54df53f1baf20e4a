package dev.todo.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The local cloud's events, through the serializers of Lambda's Java runtime, arrive in the handlers' types with
 * every field the handlers read; the handlers' answers come back as the runtime would send them.
 */
class LambdaFunctionTest {

  @Test
  void anInvocationThatOutlivesItsTimeoutIsSaidOutLoudForLambdaWouldHaveStoppedIt() {
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    RequestHandler<String, String> slow = (event, context) -> {
      try {
        Thread.sleep(event.equals("slow") ? 1_200 : 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "done";
    };
    LambdaFunction<String, String> function = LambdaFunction.of("SqsToDynamo", slow, String.class, String.class,
        Duration.ofSeconds(1), log::add);
    function.invoke("\"quick\"");
    assertThat(log).isEmpty();
    function.invoke("\"slow\"");
    assertThat(log).singleElement().asString().startsWith("warning: SqsToDynamo ran 1.")
        .endsWith("s, past its 1 s timeout: Lambda would have stopped it there, and its event would have been tried again");
  }

  @Test
  void anS3NotificationArrivesWithItsKeyEncodedAsS3EncodesIt() {
    AtomicReference<S3Event> seen = new AtomicReference<>();
    String answer = function(S3Event.class, String.class, event -> {
      seen.set(event);
      return "import started";
    }).invoke(AwsEvents.objectCreated("imports", "import/my todos ✓ März.csv", 73, "\"92f7\"", "Put", "0A1B"));

    S3EventNotification.S3EventNotificationRecord record = seen.get().getRecords().get(0);
    assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
    assertThat(record.getS3().getBucket().getName()).isEqualTo("imports");
    assertThat(record.getS3().getObject().getKey()).isEqualTo("import/my+todos+%E2%9C%93+M%C3%A4rz.csv");
    assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo("import/my todos ✓ März.csv");
    assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(73);
    assertThat(record.getS3().getObject().geteTag()).isEqualTo("92f7");
    assertThat(record.getS3().getObject().getSequencer()).isEqualTo("0A1B");
    assertThat(answer).isEqualTo("\"import started\"");
  }

  @Test
  void anSqsBatchArrivesWithBodiesAndSystemAttributesAndItsFailuresComeBack() {
    AtomicReference<SQSEvent> seen = new AtomicReference<>();
    Message message = Message.builder().messageId("m-1").receiptHandle("r-1").body("{\"v\":1}").md5OfBody("md5")
        .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "3",
            MessageSystemAttributeName.MESSAGE_GROUP_ID, "all")).build();
    String answer = function(SQSEvent.class, SQSBatchResponse.class, event -> {
      seen.set(event);
      return new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-1")));
    }).invoke(AwsEvents.sqsBatch("http://127.0.0.1:9324/000000000000/todo-rows.fifo", List.of(message)));

    SQSEvent.SQSMessage record = seen.get().getRecords().get(0);
    assertThat(record.getMessageId()).isEqualTo("m-1");
    assertThat(record.getReceiptHandle()).isEqualTo("r-1");
    assertThat(record.getBody()).isEqualTo("{\"v\":1}");
    assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "3").containsEntry("MessageGroupId", "all");
    assertThat(record.getEventSource()).isEqualTo("aws:sqs");
    assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:todo-rows.fifo");
    assertThat(AwsEvents.batchItemFailures(answer)).containsExactly("m-1");
  }

  @Test
  void anApiRequestArrivesWithPathQueryAndHeadersAndItsResponseBecomesHttp() {
    AtomicReference<APIGatewayProxyRequestEvent> seen = new AtomicReference<>();
    String answer = function(APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class, event -> {
      seen.set(event);
      return new APIGatewayProxyResponseEvent().withStatusCode(201).withHeaders(Map.of("Content-Type", "application/json"))
          .withBody("{\"name\":\"café\"}");
    }).invoke(AwsEvents.apiRequest(new AwsEvents.HttpRequest("PUT", "/todo/t-1", "/todo/{todoId}",
        Map.of("Content-Type", List.of("application/json")), Map.of("tag", List.of("a", "b")), Map.of("todoId", "t-1"),
        "{\"name\":\"café\"}")));

    APIGatewayProxyRequestEvent request = seen.get();
    assertThat(request.getHttpMethod()).isEqualTo("PUT");
    assertThat(request.getResource()).isEqualTo("/todo/{todoId}");
    assertThat(request.getPathParameters()).containsEntry("todoId", "t-1");
    assertThat(request.getQueryStringParameters()).containsEntry("tag", "b");
    assertThat(request.getMultiValueQueryStringParameters()).containsEntry("tag", List.of("a", "b"));
    assertThat(request.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(request.getBody()).isEqualTo("{\"name\":\"café\"}");
    AwsEvents.HttpResponse response = AwsEvents.apiResponse(answer);
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"café\"}");
  }

  @Test
  void aProxyResponseWithoutAStatusIsABadGatewayAsApiGatewayAnswersIt() {
    assertThat(AwsEvents.apiResponse("{\"body\":\"hello\"}").status()).isEqualTo(502);
    assertThat(AwsEvents.apiResponse("null").status()).isEqualTo(502);
  }

  private static <I, O> LambdaFunction<I, O> function(Class<I> in, Class<O> out, java.util.function.Function<I, O> body) {
    RequestHandler<I, O> handler = (event, context) -> body.apply(event);
    return LambdaFunction.of("test", handler, in, out, Duration.ofSeconds(5), System.err::println);
  }
}
