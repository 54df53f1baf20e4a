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
