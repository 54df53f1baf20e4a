package dev.todo.aws.jar;

import com.amazonaws.services.lambda.runtime.Context;
import dev.todo.aws.FunctionContext;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.util.List;

/**
 * Runs in a JVM whose classpath is the deployable jar and this class only, with the environment a function
 * gets: creates each handler by the class name the CDK stack references and invokes it once.
 * Usage: {@code HandlerHarness BUCKET KEY ETAG}; prints one line per handler.
 */
public final class HandlerHarness {

  public static void main(String[] args) throws Exception {
    Context context = FunctionContext.plenty();

    APIGatewayProxyRequestEvent post = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/todo")
        .withBody("{\"name\":\"created through the jar\"}");
    System.out.println("TodoApi " + invoke("dev.todo.aws.handler.TodoApi", post, context));

    S3EventNotification.S3ObjectEntity object = new S3EventNotification.S3ObjectEntity(args[1], 10L, args[2], null, "0001");
    S3EventNotification.S3Entity s3 = new S3EventNotification.S3Entity("config",
        new S3EventNotification.S3BucketEntity(args[0], new S3EventNotification.UserIdentityEntity("me"), "arn:aws:s3:::" + args[0]),
        object, "1.0");
    S3EventNotification.S3EventNotificationRecord record = new S3EventNotification.S3EventNotificationRecord("us-east-1",
        "ObjectCreated:Put", "aws:s3", "2026-11-24T00:00:00.000Z", "2.1", null, null, s3, null);
    System.out.println("S3ToSqs " + invoke("dev.todo.aws.handler.S3ToSqs", new S3Event(List.of(record)), context));

    SQSEvent.SQSMessage row = new SQSEvent.SQSMessage();
    row.setMessageId("jar-1");
    row.setBody("{\"v\":1,\"importId\":\"jar-import\",\"rows\":[{\"line\":2,\"todoId\":\"written-through-the-jar\","
        + "\"name\":\"from SqsToDynamo\",\"completed\":true,\"createdAt\":1,\"updatedAt\":2}]}");
    SQSEvent rows = new SQSEvent();
    rows.setRecords(List.of(row));
    System.out.println("SqsToDynamo " + invoke("dev.todo.aws.handler.SqsToDynamo", rows, context));

    SQSEvent.SQSMessage bad = new SQSEvent.SQSMessage();
    bad.setMessageId("not-a-checkpoint");
    bad.setBody("{}");
    SQSEvent control = new SQSEvent();
    control.setRecords(List.of(bad));
    System.out.println("ImportContinuation " + invoke("dev.todo.aws.handler.ImportContinuation", control, context));
  }

  @SuppressWarnings("unchecked")
  private static Object invoke(String handlerClass, Object event, Context context) throws Exception {
    RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(handlerClass)
        .getDeclaredConstructor().newInstance();
    Object response = handler.handleRequest(event, context);
    return response instanceof com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent r
        ? r.getStatusCode() + " " + r.getBody()
        : response instanceof com.amazonaws.services.lambda.runtime.events.SQSBatchResponse b
            ? "failures=" + b.getBatchItemFailures().stream().map(f -> f.getItemIdentifier()).toList()
            : String.valueOf(response);
  }

  private HandlerHarness() {
  }
}
