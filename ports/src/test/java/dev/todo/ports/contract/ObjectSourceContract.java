package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.ObjectNotFoundException;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.StoredObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every {@link ObjectSource} must do; an adapter's test extends this and supplies the fixtures. */
public abstract class ObjectSourceContract {

  protected static final String BUCKET = "imports";

  protected abstract ObjectSource source();

  /** Stores an object the way an upload would, and returns the ref its notification would carry. */
  protected abstract ObjectRef upload(String key, byte[] content) throws Exception;

  @Test
  void opensAnObjectWithItsSizeAndETag() throws Exception {
    byte[] content = "name\nfirst\n".getBytes(StandardCharsets.UTF_8);
    ObjectRef ref = upload("import/a.csv", content);
    try (StoredObject object = source().open(ref, 0)) {
      assertThat(object.content().readAllBytes()).isEqualTo(content);
      assertThat(object.size()).isEqualTo(content.length);
      assertThat(object.eTag()).isEqualTo(ref.eTag().orElseThrow());
    }
  }

  @Test
  void opensFromAnOffset() throws Exception {
    ObjectRef ref = upload("import/offset.csv", "0123456789".getBytes(StandardCharsets.UTF_8));
    try (StoredObject object = source().open(ref, 4)) {
      assertThat(new String(object.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("456789");
    }
  }

  @Test
  void streamsALargeObjectIntact() throws Exception {
    byte[] content = new byte[6 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    ObjectRef ref = upload("import/large.bin", content);
    try (StoredObject object = source().open(ref, 0); InputStream in = object.content()) {
      byte[] buffer = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] != content[(int) total + i]) {
            throw new AssertionError("byte " + (total + i) + " differs");
          }
        }
        total += n;
      }
      assertThat(total).isEqualTo(content.length);
    }
  }

  @Test
  void keysWithSpacesAndUnicodeWork() throws Exception {
    ObjectRef ref = upload("import/my todos ünïcödé ✓.csv", "name\nx\n".getBytes(StandardCharsets.UTF_8));
    try (StoredObject object = source().open(ref, 0)) {
      assertThat(new String(object.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("name\nx\n");
    }
  }

  @Test
  void aMissingObjectIsNotFound() {
    ObjectRef ref = ObjectRef.of(BUCKET, "import/never-uploaded.csv", "0123456789abcdef0123456789abcdef");
    assertThatThrownBy(() -> source().open(ref, 0)).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void anOverwrittenObjectIsNotReadUnderTheOldRef() throws Exception {
    ObjectRef first = upload("import/overwritten.csv", "name\nold\n".getBytes(StandardCharsets.UTF_8));
    ObjectRef second = upload("import/overwritten.csv", "name\nnew\n".getBytes(StandardCharsets.UTF_8));
    if (first.versionId().isPresent()) {
      try (StoredObject object = source().open(first, 0)) {
        assertThat(new String(object.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("name\nold\n");
      }
    } else {
      assertThatThrownBy(() -> source().open(first, 0)).isInstanceOf(ObjectNotFoundException.class);
    }
    try (StoredObject object = source().open(second, 0)) {
      assertThat(new String(object.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("name\nnew\n");
    }
  }

  @Test
  void errorReportIsWrittenBesideTheImportAndReadBack() throws Exception {
    ObjectRef ref = upload("import/dir/with-errors.csv", "name\n\n".getBytes(StandardCharsets.UTF_8));
    assertThat(source().readErrorReport(ref)).isEmpty();
    String location = source().writeErrorReport(ref, "line,column,reason\n3,name,é missing\n");
    assertThat(location).contains(BUCKET).endsWith("import-errors/dir/with-errors.csv.errors.csv");
    assertThat(source().readErrorReport(ref)).isEqualTo(Optional.of("line,column,reason\n3,name,é missing\n"));
    source().writeErrorReport(ref, "line,column,reason\n");
    assertThat(source().readErrorReport(ref)).isEqualTo(Optional.of("line,column,reason\n"));
  }
}
