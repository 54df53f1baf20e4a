package dev.todo.local.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code up}, {@code import} and {@code redrive} in a child JVM that maps the class-data archive the build
 * recorded beside the jar (a run of {@code self-test} with {@code -XX:ArchiveClassesAtExit}): the local cloud then
 * starts in about half the time and an import's upload takes a second instead of three, since the SDK's classes are
 * neither parsed nor verified again. The child exits when this process dies, however it dies.
 */
final class FastStart {

  /** The commands that load the AWS SDK, where the archive pays for the second JVM. */
  static final java.util.Set<String> COMMANDS = java.util.Set.of("up", "import", "redrive");

  private static final String PARENT = "todo.local.parent";
  private static final String STARTED = "todo.local.started";

  private FastStart() {
  }

  /** The archive to start with, unless this is the child already, or it runs from classes rather than the jar. */
  static Optional<Path> archive() {
    if (System.getProperty(PARENT) != null) {
      return Optional.empty();
    }
    return jar().map(j -> j.resolveSibling(j.getFileName().toString().replaceFirst("\\.jar$", ".jsa")))
        .filter(Files::isRegularFile);
  }

  /** Runs the same command in a child JVM with the archive; returns its exit code. */
  static int relaunch(Path archive, Class<?> main, String[] args) throws InterruptedException {
    // C1 only: the cloud starts 0.5 s sooner and spends no core on C2's compiles, and a 100,000-row import takes as
    // long (README, "The local cloud"); the flags this JVM was given follow, so -Xmx or -XX:TieredStopAtLevel=4 win
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:TieredStopAtLevel=1"));
    java.lang.management.RuntimeMXBean thisJvm = java.lang.management.ManagementFactory.getRuntimeMXBean();
    thisJvm.getInputArguments().stream()
        .filter(a -> !a.matches("-(agentlib|agentpath|javaagent|Xdebug|Xrunjdwp|XX:SharedArchiveFile|XX:ArchiveClassesAtExit).*"))
        .forEach(command::add); // a debugger's agent or another archive would clash in the child
    command.addAll(List.of("-D" + PARENT + "=" + ProcessHandle.current().pid(), "-D" + STARTED + "=" + thisJvm.getStartTime(),
        "-cp", jar().orElseThrow().toString(),
        main.getName()));
    command.addAll(List.of(args));
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not start the local cloud's JVM: " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      child.destroy();
      try {
        child.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "local-cloud-child-stop"));
    return child.waitFor();
  }

  /**
   * When the user's command started, in epoch milliseconds: the parent JVM's start, which the child is told, or this
   * JVM's own. A time measured from here is the one the user waited, both JVMs' starts included.
   */
  static long commandStarted() {
    String started = System.getProperty(STARTED);
    return started != null ? Long.parseLong(started) : java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  /** In the child: exits (running the shutdown hooks) once the parent is gone, so nothing outlives a kill -9. */
  static void exitWithParent() {
    String parent = System.getProperty(PARENT);
    if (parent == null) {
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parent));
    Thread watcher = new Thread(() -> {
      while (handle.map(ProcessHandle::isAlive).orElse(false)) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.exit(0);
    }, "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static Optional<Path> jar() {
    try {
      Path location = Path.of(FastStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }
}
