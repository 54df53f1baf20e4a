package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link RowQueue} must do; an adapter's test extends this and says how to read the queue back. */
public abstract class RowQueueContract {

  protected abstract RowQueue queue();

  /** Every body now on the queue, in any order, taking them off it. */
  protected abstract List<String> receiveAll() throws Exception;

  @Test
  void sendsOneMessage() throws Exception {
    assertThat(queue().send(List.of(new QueueMessage("m1", "{\"v\":1}")))).isEmpty();
    assertThat(receiveAll()).containsExactly("{\"v\":1}");
  }

  @Test
  void sendsMoreMessagesThanOneBatchHolds() throws Exception {
    List<QueueMessage> messages = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      messages.add(new QueueMessage("m" + i, "body-" + i));
      bodies.add("body-" + i);
    }
    assertThat(queue().send(messages)).isEmpty();
    assertThat(receiveAll()).containsExactlyInAnyOrderElementsOf(bodies);
  }

  @Test
  void keepsUnicodeAndJsonIntact() throws Exception {
    String body = "{\"name\":\"Ünïcödé ✓ \\\"quoted\\\", comma\\nnewline 🚀\"}";
    assertThat(queue().send(List.of(new QueueMessage("u", body)))).isEmpty();
    assertThat(receiveAll()).containsExactly(body);
  }

  @Test
  void carriesAMessageOfTheFullPortableSize() throws Exception {
    String body = "x".repeat(256 * 1024);
    assertThat(queue().send(List.of(new QueueMessage("big", body)))).isEmpty();
    assertThat(receiveAll()).containsExactly(body);
  }

  @Test
  void sendingNothingIsANoOp() throws Exception {
    assertThat(queue().send(List.of())).isEmpty();
    assertThat(receiveAll()).isEmpty();
  }
}
