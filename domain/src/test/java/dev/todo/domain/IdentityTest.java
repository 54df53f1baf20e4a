package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityTest {

  @Test
  void theSameUploadAlwaysHasTheSameImportAndRowIds() {
    ObjectRef ref = new ObjectRef("b", "import/a.csv", Optional.empty(), Optional.of("\"abc\""));
    assertThat(ImportId.of(ref)).isEqualTo(ImportId.of(ObjectRef.of("b", "import/a.csv", "abc")));
    assertThat(ImportId.of(ref).todoIdForLine(7)).isEqualTo(ImportId.of(ref).todoIdForLine(7));
  }

  @Test
  void anotherVersionBucketKeyOrLineGivesAnotherId() {
    ImportId id = ImportId.of(ObjectRef.of("b", "import/a.csv", "abc"));
    assertThat(ImportId.of(ObjectRef.of("b", "import/a.csv", "abd"))).isNotEqualTo(id);
    assertThat(ImportId.of(ObjectRef.of("c", "import/a.csv", "abc"))).isNotEqualTo(id);
    assertThat(ImportId.of(new ObjectRef("b", "import/a.csv", Optional.of("v1"), Optional.of("abc")))).isNotEqualTo(id);
    assertThat(id.todoIdForLine(2)).isNotEqualTo(id.todoIdForLine(3));
  }

  @Test
  void errorReportsGoUnderTheErrorPrefix() {
    assertThat(ObjectRef.of("b", "import/dir/my file.csv", "e").errorReportKey())
        .isEqualTo("import-errors/dir/my file.csv.errors.csv");
  }

  @Test
  void onlyFilesUnderTheImportPrefixAreImportable() {
    assertThat(ObjectRef.of("b", "import/a.csv", "e").isImportable()).isTrue();
    assertThat(ObjectRef.of("b", "import/folder/", "e").isImportable()).isFalse();
    assertThat(ObjectRef.of("b", "import-errors/a.csv.errors.csv", "e").isImportable()).isFalse();
  }
}
