package dev.todo.aws.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.aws.AwsClients;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.Provisioning;
import dev.todo.aws.handler.LocalStackAccess;
import dev.todo.services.EventBridgeServer;
import dev.todo.services.LocalServices;
import dev.todo.services.SnsServer;
import dev.todo.usecase.Result;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.mockito.Mockito;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar, alone on a classpath with the environment a function gets, creates and runs every
 * handler the CDK stack names: a packaging mistake fails the build, not the deploy.
 */
class LambdaJarIT {

  private static final Path JAR = Path.of(System.getProperty("lambda.jar", "target/adapters-aws-lambda.jar"));

  @Test
  void theJarIsSmallAndHoldsEveryHandler() throws Exception {
    // 19.8 MB (21.4 MB before the unreached classes of the dependencies other than the SDK, Jackson and joda-time
    // were left out); the SDK's service models are most of it (S3 9.3 MB, DynamoDB 7.7 MB uncompressed)
    assertThat(Files.size(JAR)).isLessThanOrEqualTo(20_000_000L);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (String handler : List.of("S3ToSqs", "SqsToDynamo", "ImportContinuation", "TodoApi", "TodoStream", "JournalStream", "Notifier")) {
        assertThat(jar.getEntry("dev/todo/aws/handler/" + handler + ".class")).as(handler).isNotNull();
      }
      assertThat(jar.getEntry("software/amazon/awssdk/http/apache/ApacheHttpClient.class")).isNull();
      assertThat(jar.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class")).isNull();
      assertThat(jar.getEntry("org/junit/jupiter/api/Test.class")).isNull();
      assertThat(jar.getEntry("dev/todo/aws/Provisioning.class")).as("local-only code").isNull();
      assertThat(jar.getEntry("dev/todo/aws/TableProvisioning.class")).as("local-only code").isNull();
    }
  }

  /** The jar, the harness, and what Lambda's runtime brings itself: its event serializers (and Mockito for a Context). */
  private static String classpath() {
    List<String> parts = new ArrayList<>(List.of(JAR.toString(), Path.of("target", "test-classes").toString()));
    for (Class<?> c : List.of(LambdaEventSerializers.class, Mockito.class, net.bytebuddy.ByteBuddy.class,
        net.bytebuddy.agent.ByteBuddyAgent.class, org.objenesis.Objenesis.class)) {
      parts.add(c.getProtectionDomain().getCodeSource().getLocation().getPath());
    }
    return String.join(File.pathSeparator, parts);
  }

  @Test
  void everyHandlerLoadsAndRunsFromTheJarAlone() throws Exception {
    LocalStackAccess stack = LocalStackAccess.create();
    String key = "import/through the jar.csv";
    String eTag = stack.upload(key, "name\nimported through the jar\n");

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath(), HandlerHarness.class.getName(),
        LocalStackAccess.BUCKET, key.replace(" ", "+"), eTag));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(stack.env());
    EventBridgeServer bus = EventBridgeServer.start(stack.env().get("EVENT_BUS_NAME"), LocalServices.REGION,
        Provisioning.LOCAL_ACCOUNT);
    SnsServer topic = SnsServer.start(stack.env().get("TOPIC_ARN"), "jar@example.com", Files.createTempDirectory("jar-outbox-"));
    builder.environment().put("AWS_ENDPOINT_URL_EVENTBRIDGE", bus.endpoint().toString());
    builder.environment().put("AWS_ENDPOINT_URL_SNS", topic.endpoint().toString());
    Path log = Files.createTempFile("harness", ".log");
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();

    assertThat(output).contains("TodoApi {\"statusCode\":201,").contains("created through the jar")
        .contains("S3ToSqs \"import ").contains("queued: 1 row read, 1 queued, 0 rejected")
        .contains("SqsToDynamo {\"batchItemFailures\":[]}")
        .contains("ImportContinuation {\"batchItemFailures\":[{\"itemIdentifier\":\"not-a-checkpoint\"}]}")
        .contains("TodoStream {\"batchItemFailures\":[]}").contains("JournalStream null").contains("Notifier null");
    assertThat(bus.recent()).singleElement().satisfies(e -> {
      assertThat(e.get("detail-type").asText()).isEqualTo("todoCreated");
      assertThat(e.get("detail").get("name").asText()).isEqualTo("streamed through the jar");
      assertThat(e.get("detail").get("eventId").asText()).isEqualTo("c0ffee");
    });
    assertThat(topic.published()).isEqualTo(1);
    bus.close();
    topic.close();
    AwsRuntime runtime = new AwsRuntime(FunctionSettings.fromEnvironment(stack.env()), new AwsClients(stack.env()));
    assertThat(runtime.todoService().get("written-through-the-jar")).isInstanceOf(Result.Ok.class);
    assertThat(stack.queuedMessages()).isEqualTo(1);
  }
}
