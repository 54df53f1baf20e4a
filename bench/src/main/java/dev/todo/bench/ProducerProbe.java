package dev.todo.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.todo.aws.AwsClients;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.handler.S3ToSqs;
import dev.todo.local.lambda.LambdaFunction;
import dev.todo.local.triggers.S3Notifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The producer function alone in its own JVM, as in its own Lambda container, so its heap can be measured:
 * {@code ProducerProbe ours|baseline BUCKET KEY}, configured by the same environment variables as the function.
 * Prints one line {@code PROBE <millis> <peak used bytes> <peak live bytes>}.
 */
public final class ProducerProbe {

  private static final String PREFIX = "PROBE ";

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    FunctionSettings functions = FunctionSettings.fromEnvironment(env);
    AwsClients clients = new AwsClients(env);
    String bucket = functions.bucket();
    String key = args[1];
    S3Client s3 = clients.s3();
    S3Object object = s3.listObjectsV2(r -> r.bucket(bucket).prefix(key)).contents().get(0);
    String event = S3Notifier.createdEvent(bucket, object, "0001");
    System.gc();
    long start = System.nanoTime();
    try (HeapSampler heap = new HeapSampler()) {
      if (args[0].equals("ours")) {
        AwsRuntime runtime = new AwsRuntime(functions, clients);
        function(new S3ToSqs(runtime.importService(), runtime.importTimeMargin()), String.class).invoke(event);
      } else {
        function(new Baseline.Producer(s3, clients.sqs(), functions.queueUrl()), Void.class).invoke(event);
      }
      System.out.println(PREFIX + (System.nanoTime() - start) / 1_000_000 + " " + heap.peakBytes() + " " + heap.peakLiveBytes());
    }
    System.exit(0);
  }

  private static <O> LambdaFunction<S3Event, O> function(RequestHandler<S3Event, O> handler, Class<O> answer) {
    return LambdaFunction.of("probe", handler, S3Event.class, answer, Duration.ofMinutes(15), System.err::println);
  }

  /** What one probe measured. */
  record Result(long millis, long peakUsedBytes, long peakLiveBytes) {
  }

  /**
   * Runs the probe in a child JVM with {@code -Xmx<maxHeapMb>m}, on the object {@code key} in the bucket of
   * {@code functions}, and returns what it printed. Nothing consumes its queue, so it is purged every second.
   */
  static Result run(String which, AwsClients.Endpoints endpoints, FunctionSettings functions, String key, int maxHeapMb,
                    Path log, SqsClient sqs) throws IOException, InterruptedException {
    ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor();
    purger.scheduleWithFixedDelay(() -> {
      CallCounter.ignoreThisThread();
      sqs.purgeQueue(r -> r.queueUrl(functions.queueUrl()));
    }, 1, 1, TimeUnit.SECONDS);
    try {
      Map<String, String> env = new HashMap<>(endpoints.toEnvironment());
      env.putAll(functions.toEnvironment());
      return run(which, key, env, maxHeapMb, log);
    } finally {
      purger.shutdownNow();
    }
  }

  private static Result run(String which, String key, Map<String, String> env, int maxHeapMb, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + maxHeapMb + "m", "-cp", System.getProperty("java.class.path"), ProducerProbe.class.getName(),
        which, key));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0 || !out.contains(PREFIX)) {
      throw new IllegalStateException("producer probe failed (exit " + process.exitValue() + "); see " + log + "\n" + out);
    }
    String[] f = out.substring(out.indexOf(PREFIX) + PREFIX.length()).trim().split("\\s+");
    return new Result(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
  }
}
