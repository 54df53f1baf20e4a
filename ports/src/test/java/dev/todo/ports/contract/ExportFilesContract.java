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

  /** A first part of S3's smallest size and a last, smaller one: the object appears whole on completion, not before. */
  @Test
  void anUploadedObjectAppearsWholeWhenCompletedAndNotBefore() throws Exception {
    byte[] first = filled(ExportFiles.MIN_PART_BYTES, (byte) 'a');
    byte[] last = "the end\r\n".getBytes(StandardCharsets.UTF_8);
    String upload = files().startUpload(prefix + "big.csv", "text/csv");
    List<String> eTags = List.of(files().uploadPart(prefix + "big.csv", upload, 1, first),
        files().uploadPart(prefix + "big.csv", upload, 2, last));
    assertThat(files().get(prefix + "big.csv")).isEmpty();

    files().completeUpload(prefix + "big.csv", upload, eTags);
    files().completeUpload(prefix + "big.csv", upload, eTags); // a run that completed it but could not record so

    try (InputStream in = files().open(prefix + "big.csv")) {
      byte[] all = in.readAllBytes();
      assertThat(all.length).isEqualTo(first.length + last.length);
      assertThat(Arrays.copyOfRange(all, first.length, all.length)).isEqualTo(last);
    }
  }

  /** What a run that goes on from another's last checkpoint does: upload again the part the other may have half sent. */
  @Test
  void aPartUploadedAgainReplacesTheFirst() throws Exception {
    String upload = files().startUpload(prefix + "again.csv", "text/csv");
    files().uploadPart(prefix + "again.csv", upload, 1, filled(ExportFiles.MIN_PART_BYTES, (byte) 'x'));
    String part1 = files().uploadPart(prefix + "again.csv", upload, 1, filled(ExportFiles.MIN_PART_BYTES, (byte) 'y'));
    String part2 = files().uploadPart(prefix + "again.csv", upload, 2, new byte[] {'z'});

    files().completeUpload(prefix + "again.csv", upload, List.of(part1, part2));

    try (InputStream in = files().open(prefix + "again.csv")) {
      byte[] all = in.readAllBytes();
      assertThat(all[0]).isEqualTo((byte) 'y');
      assertThat(all[all.length - 1]).isEqualTo((byte) 'z');
    }
  }

  /** What an assembly does with a part a segment wrote as the file has it: copied in the store, after a part uploaded. */
  @Test
  void aPartCopiedFromAnObjectHoldsItsBytesAndMissingSourceIsSaidSo() throws Exception {
    byte[] first = filled(files().minPartBytes(), (byte) 'h');
    byte[] copied = filled(files().minPartBytes() + 3, (byte) 'c');
    files().put(prefix + "parts/0001.csv", copied);
    String upload = files().startUpload(prefix + "copied.csv", "text/csv");
    List<String> eTags = List.of(files().uploadPart(prefix + "copied.csv", upload, 1, first),
        files().copyPart(prefix + "copied.csv", upload, 2, prefix + "parts/0001.csv"),
        files().uploadPart(prefix + "copied.csv", upload, 3, new byte[] {'z'}));
    assertThatThrownBy(() -> files().copyPart(prefix + "copied.csv", upload, 4, prefix + "parts/none.csv"))
        .isInstanceOf(Exception.class);

    files().completeUpload(prefix + "copied.csv", upload, eTags);

    byte[] all = files().get(prefix + "copied.csv").orElseThrow();
    assertThat(all.length).isEqualTo(first.length + copied.length + 1);
    assertThat(Arrays.copyOfRange(all, first.length, first.length + copied.length)).isEqualTo(copied);
    assertThat(all[0]).isEqualTo((byte) 'h');
    assertThat(all[all.length - 1]).isEqualTo((byte) 'z');
  }

  @Test
  void anAbortedUploadMakesNoObject() throws Exception {
    String upload = files().startUpload(prefix + "gone.csv", "text/csv");
    files().uploadPart(prefix + "gone.csv", upload, 1, filled(ExportFiles.MIN_PART_BYTES, (byte) 'a'));
    files().abortUpload(prefix + "gone.csv", upload);
    files().abortUpload(prefix + "gone.csv", upload); // aborted already: no error

    assertThat(files().get(prefix + "gone.csv")).isEmpty();
  }

  @Test
  void aDownloadLinkNamesTheObject() throws Exception {
    files().put(prefix + "x.csv", new byte[] {1});
    assertThat(files().downloadLink(prefix + "x.csv", Duration.ofMinutes(5)).toString()).contains("x.csv");
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
