package dev.todo.aws.jar;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Runs in a JVM whose classpath is the deployable jar plus the runtime's parts (the event serializers, and Mockito
 * for a Context), with the environment a function gets: creates each handler by the class name the CDK stack
 * references, turns event JSON into its input type as Lambda's Java runtime does, invokes it once and prints the
 * answer as the runtime would serialize it. Usage: {@code HandlerHarness BUCKET KEY ETAG}; one line per handler.
 */
public final class HandlerHarness {

  public static void main(String[] args) throws Exception {
    invoke("dev.todo.aws.handler.TodoApi", """
        {"resource":"/todo","path":"/todo","httpMethod":"POST","headers":{"Content-Type":"application/json"},
         "requestContext":{"resourcePath":"/todo","httpMethod":"POST","stage":"prod"},
         "body":"{\\"name\\":\\"created through the jar\\"}","isBase64Encoded":false}""");
    invoke("dev.todo.aws.handler.S3ToSqs", """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
         "eventTime":"2026-11-24T00:00:00.000Z","eventName":"ObjectCreated:Put",
         "s3":{"s3SchemaVersion":"1.0","configurationId":"config","bucket":{"name":"%s","arn":"arn:aws:s3:::%1$s"},
               "object":{"key":"%s","size":10,"eTag":"%s","sequencer":"0001"}}}]}""".formatted(args[0], args[1], args[2]));
    invoke("dev.todo.aws.handler.SqsToDynamo", """
        {"Records":[{"messageId":"jar-1","eventSource":"aws:sqs","body":"{\\"v\\":1,\\"importId\\":\\"jar-import\\",\
        \\"rows\\":[{\\"line\\":2,\\"todoId\\":\\"written-through-the-jar\\",\\"name\\":\\"from SqsToDynamo\\",\
        \\"completed\\":true,\\"createdAt\\":1,\\"updatedAt\\":2}]}"}]}""");
    invoke("dev.todo.aws.handler.ImportContinuation", """
        {"Records":[{"messageId":"not-a-checkpoint","eventSource":"aws:sqs","body":"{}"}]}""");
    invoke("dev.todo.aws.handler.TodoStream", """
        {"Records":[{"eventID":"c0ffee","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb",
         "awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1795679172,"Keys":{"todoId":{"S":"t-jar"}},
         "NewImage":{"todoId":{"S":"t-jar"},"name":{"S":"streamed through the jar"},"completed":{"BOOL":false},
         "createdAt":{"N":"1"},"updatedAt":{"N":"1"},"project":{"S":"jar"}},"SequenceNumber":"100000000000000000001",
         "SizeBytes":120,"StreamViewType":"NEW_AND_OLD_IMAGES"},
         "eventSourceARN":"arn:aws:dynamodb:us-east-1:000000000000:table/todos/stream/2026-11-26T00:00:00.000"}]}""");
    invoke("dev.todo.aws.handler.JournalStream", """
        {"Records":[{"eventID":"beef","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb",
         "awsRegion":"us-east-1","dynamodb":{"Keys":{"pk":{"S":"no-such-import"},"sk":{"S":"import"}},
         "SequenceNumber":"100000000000000000002","SizeBytes":40,"StreamViewType":"KEYS_ONLY"}}]}""");
    invoke("dev.todo.aws.handler.Notifier", """
        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"todoCompleted","source":"TodoService",
         "account":"000000000000","time":"2026-11-26T08:00:00Z","region":"us-east-1","resources":[],
         "detail":{"todoId":"t-jar","name":"mailed through the jar","completed":true,"createdAt":1,"updatedAt":2,
                   "eventId":"e-jar"}}""");
  }

  @SuppressWarnings("unchecked")
  private static void invoke(String handlerClass, String eventJson) throws Exception {
    Class<?> type = Class.forName(handlerClass);
    RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
    Method method = handlerMethod(type);
    ClassLoader loader = type.getClassLoader();
    Object event = LambdaEventSerializers.serializerFor(method.getParameterTypes()[0], loader).fromJson(eventJson);
    Object answer = handler.handleRequest(event, context());
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    ((PojoSerializer<Object>) LambdaEventSerializers.serializerFor(method.getReturnType(), loader)).toJson(answer, json);
    System.out.println(type.getSimpleName() + " " + json.toString(StandardCharsets.UTF_8));
  }

  /** The handler's own handleRequest (not the bridge method), whose types the runtime serializes. */
  private static Method handlerMethod(Class<?> type) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals("handleRequest") && !m.isBridge()) {
        return m;
      }
    }
    throw new IllegalArgumentException(type + " has no handleRequest");
  }

  private static Context context() {
    LambdaLogger logger = mock(LambdaLogger.class);
    Context context = mock(Context.class);
    when(context.getLogger()).thenReturn(logger);
    when(context.getRemainingTimeInMillis()).thenReturn(900_000);
    return context;
  }

  private HandlerHarness() {
  }
}
