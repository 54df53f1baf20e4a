package dev.todo.bench;

import dev.todo.aws.ServiceFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each function's init time from the deployable jar: a fresh JVM per run with only the jar on its classpath and a
 * function's environment (names, no server behind them), as Lambda starts one, with the JVM flags Lambda's Java
 * runtime uses by default ({@code -XX:TieredStopAtLevel=1}); prints the median of the time to create the handler.
 * Usage: {@code java -cp bench/target/todo-bench.jar dev.todo.bench.LambdaInitBenchmark [JAR] [RUNS]}.
 */
public final class LambdaInitBenchmark {

  private LambdaInitBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "adapters-aws/target/adapters-aws-lambda.jar");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path source = Files.createTempDirectory("lambda-init-").resolve("InitOne.java");
    try (InputStream in = LambdaInitBenchmark.class.getResourceAsStream("InitOne.java")) {
      Files.copy(in, source);
    }
    System.out.printf("%s (%,d bytes), %d runs per function, init = creating the handler%n", jar, Files.size(jar), runs);
    for (ServiceFunction f : ServiceFunction.values()) {
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        times.add(initMillis(jar, source, f.handlerClass()));
      }
      times.sort(null);
      System.out.printf("  %-20s %-20s %6.0f ms median (best %.0f)%n", f.name(), f.localName(), times.get(times.size() / 2), times.get(0));
    }
  }

  private static double initMillis(Path jar, Path source, String handler) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", jar.toString(), source.toString(), handler).redirectErrorStream(true);
    builder.environment().putAll(environment());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(handler + " did not start: " + out);
    }
    return Double.parseDouble(out.substring(out.lastIndexOf('\n') + 1));
  }

  /** What the stack gives every function, pointing at nothing: creating a handler makes no call. */
  private static Map<String, String> environment() {
    Map<String, String> env = new java.util.HashMap<>(new dev.todo.aws.AwsClients.Endpoints(java.net.URI.create("http://127.0.0.1:9"),
        java.net.URI.create("http://127.0.0.1:9"), java.net.URI.create("http://127.0.0.1:9"), "us-east-1", "x", "y").toEnvironment());
    Map<dev.todo.aws.ServiceQueue, String> queues = new java.util.EnumMap<>(dev.todo.aws.ServiceQueue.class);
    for (dev.todo.aws.ServiceQueue q : dev.todo.aws.ServiceQueue.values()) {
      queues.put(q, "http://127.0.0.1:9/q/" + q.baseName());
    }
    env.putAll(dev.todo.aws.StackLayout.named("", java.time.Duration.ofMinutes(6), java.time.Duration.ofMinutes(15))
        .settings(queues, "us-east-1", "000000000000").toEnvironment());
    return env;
  }
}
