package dev.todo.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.inmemory.InMemoryImportJournal;
import dev.todo.ports.UploadLinks;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportDeskTest {

  private final InMemoryImportJournal journal = new InMemoryImportJournal();
  private final ImportDesk desk = new ImportDesk(journal, (name, metadata) -> new UploadLinks.UploadLink("POST",
      URI.create("http://upload/bucket"), java.util.Map.of("key", "import/x/" + name), "bucket", "import/x/" + name,
      Instant.EPOCH, 1 << 20));

  @Test
  void aFileNameOverTheLimitIsRefusedWithItsLength() {
    assertThat(desk.requestUpload(Optional.of("x".repeat(2_000)))).isInstanceOfSatisfying(Result.Invalid.class,
        invalid -> assertThat(invalid.message()).isEqualTo("fileName is at most 200 characters long, this one 2000"));
    assertThat(desk.requestUpload(Optional.of("x".repeat(200)))).isInstanceOf(Result.Ok.class);
  }

  @Test
  void anUploadWithoutANameGetsTheDefaultOne() {
    assertThat(desk.requestUpload(Optional.empty())).isInstanceOfSatisfying(Result.Ok.class,
        ok -> assertThat(((UploadLinks.UploadLink) ok.value()).key()).endsWith("/" + ImportDesk.DEFAULT_FILE_NAME));
    assertThat(desk.requestUpload(Optional.of("todos.csv"))).isInstanceOfSatisfying(Result.Ok.class,
        ok -> assertThat(((UploadLinks.UploadLink) ok.value()).key()).endsWith("/todos.csv"));
  }

  @Test
  void aBlankFileNameIsInvalid() {
    assertThat(desk.requestUpload(Optional.of("  "))).isEqualTo(new Result.Invalid<>("fileName must be a non-blank string"));
  }

  @Test
  void anImportIsFoundByItsIdAndAnUnknownOneIsNotFound() {
    ImportRecord record = journal.begin(ImportRecord.started(ObjectRef.of("b", "import/a.csv", "e"), 1));
    assertThat(desk.find(record.importId().value())).isEqualTo(new Result.Ok<>(record));
    assertThat(desk.find("unknown")).isEqualTo(new Result.NotFound<>("import", "unknown"));
    assertThat(((Result.NotFound<?>) desk.find("unknown")).message()).isEqualTo("no import unknown");
  }

  @Test
  void importsAreListedByTheirKeyOrByTheFileNameAnUploadOfItGets() {
    ImportRecord record = journal.begin(ImportRecord.started(ObjectRef.of("b", "import/todos.csv", "e"), 1));
    journal.begin(ImportRecord.started(ObjectRef.of("b", "import/other.csv", "e"), 2));
    for (String key : new String[] {"import/todos.csv", "todos.csv"}) {
      Result<dev.todo.ports.Page<ImportRecord>> listed = desk.list(Optional.empty(), Optional.empty(), Optional.of(key));
      assertThat(listed).as(key).isEqualTo(new Result.Ok<>(new dev.todo.ports.Page<>(java.util.List.of(record), Optional.empty())));
    }
  }
}
