package dev.todo.bench;

import dev.todo.services.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * How fast the local cloud starts and how much memory it holds: runs the README's {@code up} command as a user
 * does ({@code java -jar local/target/todo-local.jar up}, on free ports), and prints the time from process start
 * until the REST API answers and the resident memory of the whole process tree a few seconds later.
 * Usage: {@code StartupBenchmark [runs=5] [jar=local/target/todo-local.jar]}.
 */
@Command(name = "StartupBenchmark", mixinStandardHelpOptions = true,
    description = "How fast the local cloud starts (until the REST API answers) and its resident memory, as a user runs it.")
public final class StartupBenchmark implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", defaultValue = "5", description = "runs (default: ${DEFAULT-VALUE})")
  int runs;
  @Parameters(index = "1", arity = "0..1", defaultValue = "local/target/todo-local.jar", description = "the local cloud's jar (default: ${DEFAULT-VALUE})")
  Path jar;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StartupBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no " + jar + ": build it with ./mvnw -q -B package -DskipTests");
    }
    HttpClient http = HttpClient.newHttpClient();
    List<Double> readySeconds = new ArrayList<>();
    List<Double> residentMb = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      int api = Ports.free();
      URI todos = URI.create("http://127.0.0.1:" + api + "/todo");
      long start = System.nanoTime();
      Process up = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
          jar.toString(), "up", "--api-port", Integer.toString(api), "--s3-port", "0", "--sqs-port", "0",
          "--dynamodb-port", "0").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        while (!answers(http, todos)) {
          if (!up.isAlive()) {
            throw new IllegalStateException("up exited with " + up.exitValue());
          }
          Thread.sleep(5);
        }
        double ready = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000);
        double rss = Stream.concat(Stream.of(up.toHandle()), up.descendants()).mapToLong(p -> residentKb(p.pid())).sum() / 1024.0;
        System.out.printf("run %d: ready in %.2f s, %.0f MB resident (%d processes)%n", run, ready, rss,
            1 + up.descendants().count());
        readySeconds.add(ready);
        residentMb.add(rss);
      } finally {
        up.destroy();
        up.waitFor(30, TimeUnit.SECONDS);
      }
    }
    System.out.printf("up, %d runs: ready in %.2f s median (best %.2f), %.0f MB resident median%n", runs,
        median(readySeconds), readySeconds.stream().mapToDouble(d -> d).min().orElse(0), median(residentMb));
    return 0;
  }

  private static boolean answers(HttpClient http, URI uri) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** VmRSS from /proc (Linux); 0 where there is none. */
  private static long residentKb(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines.filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
    } catch (IOException | java.io.UncheckedIOException gone) {
      return 0;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
