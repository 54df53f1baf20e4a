package dev.todo.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.Notification;
import dev.todo.ports.Notifications;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link Notifications} must do; an adapter's test extends this and says how to read what was sent. */
public abstract class NotificationsContract {

  protected abstract Notifications notifications();

  /** Every notification delivered so far, in any order. */
  protected abstract List<Notification> delivered() throws Exception;

  @Test
  void deliversTheSubjectAndTheMessageIntact() throws Exception {
    Notification n = new Notification("Todo \"Buy milk\" completed", "A todo was marked as completed.\n\ntodoId: t1\nname: Buy milk ✓ 🚀");
    notifications().send(n);
    assertThat(delivered()).containsExactly(n);
  }

  @Test
  void aSubjectTooLongOrNotAsciiIsMadeOneThatIsDelivered() throws Exception {
    Notification n = new Notification("Ünïcödé " + "x".repeat(200), "body");
    assertThat(n.subject()).hasSize(Notification.MAX_SUBJECT).startsWith("?n?c?d? x").endsWith("...");
    notifications().send(n);
    assertThat(delivered()).containsExactly(n);
  }
}
