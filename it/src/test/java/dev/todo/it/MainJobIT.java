package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.local.cli.Banner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's main job: a local cloud that starts its own servers imports the shipped sample. */
class MainJobIT {

  @Test
  void theLocalCloudStartsItsOwnServersAndImportsTheSample() throws Exception {
    List<String> log = new ArrayList<>();
    try (LocalCloud cloud = LocalCloud.start(Options.defaults().anyFreePorts(), log::add)) {
      assertThat(cloud.services()).isPresent();
      ObjectRef ref = PipelineScenarios.upload(cloud, "import/todos.csv",
          Files.readAllBytes(Path.of("..", "samples", "todos.csv")));

      ImportRecord record = PipelineScenarios.awaitFinished(cloud, ref, Duration.ofSeconds(60));

      assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
      assertThat(record.progress().rowsRead()).isEqualTo(12);
      assertThat(record.rowsWritten()).isEqualTo(10);
      assertThat(record.progress().rowsRejected()).isEqualTo(2);
      assertThat(PipelineScenarios.todosById(cloud)).hasSize(10).containsKey("TODO-42");
      JsonNode passport = PipelineScenarios.todosById(cloud).get("TODO-42");
      assertThat(passport.get("name").asText()).isEqualTo("Renew passport");
      List<String> banner = Banner.lines(cloud, Optional.empty(), Path.of("functions.log"));
      assertThat(banner).anyMatch(l -> l.contains("s3 cp samples/todos.csv s3://" + cloud.bucket() + "/import/"));
      assertThat(banner).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(200));
    }
  }
}
