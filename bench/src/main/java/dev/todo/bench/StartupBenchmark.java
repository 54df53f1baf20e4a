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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * How fast the local cloud starts and how much memory it holds: runs the README's {@code up} command as a user
 * does ({@code java -jar local/target/todo-local.jar up}, on free ports), and prints the time from process start
 * until the REST API answers, the CPU the process tree had used by then, and the resident memory of the whole process
 * tree a few seconds later. With {@code --against OTHER_JAR} two builds start alternately, run by run, so a drift in
 * the machine's speed (seen: the same build's median 1.42-1.64 s within an hour) tilts neither.
 * Usage: {@code StartupBenchmark [runs=5] [jar=local/target/todo-local.jar] [--against JAR]}.
 */
@Command(name = "StartupBenchmark", mixinStandardHelpOptions = true,
    description = "How fast the local cloud starts (until the REST API answers) and its resident memory, as a user runs it.")
public final class StartupBenchmark implements Callable<Integer> {

  /** Linux's clock ticks per second in /proc/PID/stat (USER_HZ, 100 on every architecture Java runs on). */
  private static final double TICKS_PER_SECOND = 100;

  @Parameters(index = "0", arity = "0..1", defaultValue = "5", description = "runs (default: ${DEFAULT-VALUE})")
  int runs;
  @Parameters(index = "1", arity = "0..1", defaultValue = "local/target/todo-local.jar", description = "the local cloud's jar (default: ${DEFAULT-VALUE})")
  Path jar;
  @Option(names = "--against", paramLabel = "JAR", description = "another build's jar, started alternately with the first, run by run (a before/after comparison)")
  Optional<Path> against = Optional.empty();

  public static void main(String[] args) {
    System.exit(new CommandLine(new StartupBenchmark()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException) { // a jar not built: one line, as for a bad command line
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    }).execute(args));
  }

  private record Start(double readySeconds, double cpuSeconds, double residentMb) {
  }

  @Override
  public Integer call() throws Exception {
    List<Path> jars = against.map(other -> List.of(jar, other)).orElse(List.of(jar));
    for (Path j : jars) {
      if (!Files.isRegularFile(j)) {
        throw new IllegalArgumentException("no " + j + ": build it with ./mvnw -q -B package -DskipTests");
      }
    }
    HttpClient http = HttpClient.newHttpClient();
    Map<Path, List<Start>> starts = new LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (Path j : jars) {
        Start start = start(http, j);
        System.out.printf("run %d%s: ready in %.2f s, %.2f s of CPU, %.0f MB resident%n", run, jars.size() > 1 ? " " + j : "",
            start.readySeconds(), start.cpuSeconds(), start.residentMb());
        starts.computeIfAbsent(j, k -> new ArrayList<>()).add(start);
      }
    }
    starts.forEach((j, list) -> System.out.printf("up%s, %d runs: ready in %.2f s median (best %.2f), %.2f s of CPU median,"
        + " %.0f MB resident median%n", jars.size() > 1 ? " (" + j + ")" : "", list.size(), median(list, Start::readySeconds),
        list.stream().mapToDouble(Start::readySeconds).min().orElse(0), median(list, Start::cpuSeconds),
        median(list, Start::residentMb)));
    return 0;
  }

  private static Start start(HttpClient http, Path jar) throws IOException, InterruptedException {
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
      double cpu = tree(up).mapToLong(p -> cpuTicks(p.pid())).sum() / TICKS_PER_SECOND;
      Thread.sleep(3000);
      double rss = tree(up).mapToLong(p -> residentKb(p.pid())).sum() / 1024.0;
      return new Start(ready, cpu, rss);
    } finally {
      up.destroy();
      up.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Stream<ProcessHandle> tree(Process up) {
    return Stream.concat(Stream.of(up.toHandle()), up.descendants());
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

  /** utime + stime from /proc (Linux), in clock ticks; 0 where there is none. */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> value) {
    double[] sorted = starts.stream().mapToDouble(value).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
