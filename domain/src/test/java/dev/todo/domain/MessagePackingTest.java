package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagePackingTest {

  private static final ImportId IMPORT = ImportId.of(ObjectRef.of("b", "import/x.csv", "e"));

  private static TodoRow row(long line, String name) {
    return new TodoRow(line, new Todo(IMPORT.todoIdForLine(line), name, line % 2 == 0, line, line + 1,
        Map.of("ünï", "cödé \"✓\"")));
  }

  @Test
  void aMessageRoundTripsThroughTheCodec() throws Exception {
    RowMessage message = new RowMessage(IMPORT, List.of(row(2, "first, \"quoted\"\nname"), row(3, "🚀")));
    RowMessage decoded = RowMessageCodec.decode(RowMessageCodec.encode(message));
    assertThat(decoded).isEqualTo(message);
    assertThat(decoded.batchKey()).isEqualTo(IMPORT.value() + ":2");
    RowMessage again = new RowMessage(IMPORT, message.rows(), true);
    assertThat(RowMessageCodec.decode(RowMessageCodec.encode(again))).isEqualTo(again);
  }

  @Test
  void aFileIsCutIntoTheSameMessagesWhicheverAreMarkedAsQueuedAgain() throws Exception {
    List<List<Long>> cuts = new ArrayList<>();
    for (boolean again : List.of(false, true)) {
      MessagePacker packer = new MessagePacker(IMPORT, 2048);
      List<Long> firstLines = new ArrayList<>();
      for (long line = 2; line < 302; line++) {
        byte[] encoded = RowMessageCodec.encodeRow(row(line, "x".repeat((int) (line % 13))));
        if (!packer.fits(encoded)) {
          MessagePacker.PackedMessage m = packer.take(again);
          assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
          assertThat(RowMessageCodec.decode(m.body()).again()).isEqualTo(again);
          firstLines.add(m.firstLine());
        }
        packer.add(encoded, line);
      }
      cuts.add(firstLines);
    }
    assertThat(cuts.get(1)).isEqualTo(cuts.get(0)).hasSizeGreaterThan(5); // the same batch keys
  }

  @Test
  void packedMessagesStayWithinTheByteBudgetAndKeepEveryRowInOrder() throws Exception {
    int budget = 4096;
    MessagePacker packer = new MessagePacker(IMPORT, budget);
    List<MessagePacker.PackedMessage> messages = new ArrayList<>();
    for (long line = 2; line < 502; line++) {
      byte[] encoded = RowMessageCodec.encodeRow(row(line, "name with ünïcödé " + "x".repeat((int) (line % 40))));
      if (!packer.fits(encoded)) {
        messages.add(packer.take());
      }
      packer.add(encoded, line);
    }
    messages.add(packer.take());
    List<Long> lines = new ArrayList<>();
    for (MessagePacker.PackedMessage m : messages) {
      assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget);
      RowMessage decoded = RowMessageCodec.decode(m.body());
      assertThat(decoded.rows()).hasSize(m.rows());
      assertThat(decoded.rows().get(0).line()).isEqualTo(m.firstLine());
      decoded.rows().forEach(r -> lines.add(r.line()));
    }
    assertThat(lines).hasSize(500).isSorted().doesNotHaveDuplicates();
    assertThat(messages.size()).isGreaterThan(10);
    assertThat(messages.get(0).body().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(budget * 9 / 10);
  }

  @Test
  void theBudgetMustBeWithinTheQueueLimits() {
    assertThatThrownBy(() -> new MessagePacker(IMPORT, 2 * 1024 * 1024)).isInstanceOf(IllegalArgumentException.class);
    new MessagePacker(IMPORT, MessagePacker.LIMIT_MAX_BYTES);
  }

  @Test
  void unreadableBodiesAreMalformed() {
    assertThatThrownBy(() -> RowMessageCodec.decode("not json")).isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> RowMessageCodec.decode("{\"v\":2,\"importId\":\"x\",\"rows\":[]}"))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> RowMessageCodec.decode("{\"v\":1,\"importId\":\"x\",\"rows\":[{\"line\":2}]}"))
        .isInstanceOf(MalformedMessageException.class);
  }
}
