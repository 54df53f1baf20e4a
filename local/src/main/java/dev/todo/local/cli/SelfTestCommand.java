package dev.todo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code self-test}: the whole service once through on free ports. */
@Command(name = "self-test", mixinStandardHelpOptions = true,
    description = "Start a local cloud on free ports, import a small file through it, check the result, stop.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:passed", "2:failed (the reason is printed)"})
final class SelfTestCommand implements Callable<Integer> {
  /** The whole service once through: also the run the build records the class-data archive from (FastStart). */
  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("todo-self-test");
    Path file = dir.resolve("self-test.csv");
    StringBuilder csv = new StringBuilder("name,completed\n");
    for (int i = 1; i <= 200; i++) {
      csv.append("self-test todo ").append(i).append(',').append(i % 2 == 0).append('\n');
    }
    csv.append(",true\n"); // no name: rejected
    Files.writeString(file, csv);
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts(), line -> { })) {
      JsonNode record = new ImportFollower(cloud::s3, cloud.bucket(), cloud.apiEndpoint(), Terminal.standardOutput())
          .run(file, Duration.ofMinutes(2));
      if (!record.get("status").asText().equals("COMPLETED_WITH_ERRORS") || record.get("rowsWritten").asLong() != 200) {
        throw new IllegalStateException("self-test failed: " + record);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
    System.out.println("self-test passed: 200 rows written, 1 rejected");
    return 0;
  }
}
