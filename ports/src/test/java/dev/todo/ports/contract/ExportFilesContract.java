package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.ObjectNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ExportFiles} must do; each test writes under a prefix of its own, so a shared bucket is fine. */
public abstract class ExportFilesContract {

  protected abstract ExportFiles files();

  private final String prefix = "export-work/" + UUID.randomUUID() + "/";

  @Test
  void anObjectPutIsReadBackWholeOrStreamed() throws Exception {
    files().put(prefix + "state.json", "{\"rows\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(files().get(prefix + "state.json")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8))
        .isEqualTo("{\"rows\":1}"));
    try (InputStream in = files().open(prefix + "state.json")) {
      assertThat(in.readAllBytes()).hasSize(10);
    }
    assertThat(files().get(prefix + "missing.json")).isEmpty();
    assertThatThrownBy(() -> files().open(prefix + "missing.json")).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void ofTwoConditionalWritesOfOneKeyOnlyTheFirstMakesIt() throws Exception {
    assertThat(files().putIfAbsent(prefix + "claim.json", "first".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(files().putIfAbsent(prefix + "claim.json", "second".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(files().get(prefix + "claim.json")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8))
        .isEqualTo("first"));
  }

  @Test
  void childrenAreTheNamesDirectlyUnderAPrefixInOrder() throws Exception {
    for (String key : List.of("b/parts/1.jsonl", "b/parts/2.jsonl", "a/export.json", "c.json")) {
      files().put(prefix + key, new byte[] {1});
    }

    assertThat(files().children(prefix)).containsExactly("a", "b", "c.json");
    assertThat(files().children(prefix + "b/parts/")).containsExactly("1.jsonl", "2.jsonl");
    assertThat(files().children(prefix + "none/")).isEmpty();
    files().delete(List.of(prefix + "b/parts/1.jsonl", prefix + "b/parts/2.jsonl", prefix + "never-there"));
    assertThat(files().children(prefix + "b/parts/")).isEmpty();
  }

  /** Over 5 MiB and in small writes, so a multipart upload has parts of S3's smallest size and a last, smaller one. */
  @Test
  void aCreatedObjectAppearsWholeWhenClosedAndNotBefore() throws Exception {
    byte[] line = "T-1,milk,false,2026-01-05T09:30:00Z,2026-01-05T09:30:00Z\r\n".getBytes(StandardCharsets.UTF_8);
    long written = 0;
    ExportFiles.Upload upload = files().create(prefix + "big.csv", "text/csv");
    while (written < 12L << 20) {
      upload.write(line);
      written += line.length;
    }
    assertThat(files().get(prefix + "big.csv")).isEmpty();
    upload.close();

    try (InputStream in = files().open(prefix + "big.csv")) {
      byte[] all = in.readAllBytes();
      assertThat(all.length).isEqualTo(written);
      assertThat(Arrays.copyOfRange(all, all.length - line.length, all.length)).isEqualTo(line);
    }
  }

  @Test
  void anAbortedObjectIsNeverMade() throws Exception {
    ExportFiles.Upload upload = files().create(prefix + "gone.csv", "text/csv");
    upload.write(new byte[9 << 20]); // past the first part of a multipart upload
    upload.abort();

    assertThat(files().get(prefix + "gone.csv")).isEmpty();
  }

  @Test
  void aDownloadLinkNamesTheObject() throws Exception {
    files().put(prefix + "x.csv", new byte[] {1});
    assertThat(files().downloadLink(prefix + "x.csv", Duration.ofMinutes(5)).toString()).contains("x.csv");
  }
}
