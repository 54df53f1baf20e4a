package dev.todo.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class LocalImportTest {

  @Test
  void theShippedSampleImportsWithItsBadRowsReported() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImportRecord record = new LocalImport(Clock.systemUTC())
        .run(Path.of("..", "samples", "todos.csv"), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED_WITH_ERRORS);
    assertThat(record.progress()).isEqualTo(new ImportProgress(12, 10, 2));
    assertThat(record.rowsWritten()).isEqualTo(10);
    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(summary)
        .contains("status         COMPLETED_WITH_ERRORS")
        .contains("line 8     completed  'maybe' is not a boolean")
        .contains("line 14    name       name is required and must not be blank")
        .contains("Todos in the table: 10")
        .contains("TODO-42");
  }
}
