package dev.todo.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventSerializersTest {

  /**
   * Four functions' first events at once: the library is entered by one at a time (it is not safe for two; see
   * {@link EventSerializers}). Each call of the stand-in library takes 50 ms, so without the lock they would overlap.
   */
  @Test
  void functionsStartingTogetherMakeTheirSerializersOneAtATime() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    List<Class<?>> madeFor = new CopyOnWriteArrayList<>();
    EventSerializers serializers = new EventSerializers(type -> {
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      madeFor.add(type);
      inside.decrementAndGet();
      return new Named(type);
    });
    List<Class<?>> types = List.of(Void.class, String.class, Integer.class, Long.class);
    CyclicBarrier together = new CyclicBarrier(types.size());
    ExecutorService functions = Executors.newFixedThreadPool(types.size());
    try {
      List<Future<PojoSerializer<?>>> made = types.stream().map(type -> functions.<PojoSerializer<?>>submit(() -> {
        together.await();
        return serializers.of(type);
      })).toList();
      for (int i = 0; i < types.size(); i++) {
        assertThat(((Named) made.get(i).get()).type).isEqualTo(types.get(i));
      }
    } finally {
      functions.shutdownNow();
    }
    assertThat(mostInside.get()).as("calls of the library at once").isEqualTo(1);
    assertThat(madeFor).containsExactlyInAnyOrderElementsOf(types);
  }

  @Test
  void aTypesSerializerIsMadeOnceAndShared() {
    AtomicInteger calls = new AtomicInteger();
    EventSerializers serializers = new EventSerializers(type -> {
      calls.incrementAndGet();
      return new Named(type);
    });
    PojoSerializer<Void> first = serializers.of(Void.class);
    assertThat(serializers.of(Void.class)).isSameAs(first);
    assertThat(calls).hasValue(1);
  }

  /** The Notifier's event, an EventBridge event, keeps its time through the runtime's serializers once others exist. */
  @Test
  void aScheduledEventReadsItsTimeAfterOtherFunctionsMadeTheirSerializers() {
    EventSerializers.SHARED.of(Void.class);
    EventSerializers.SHARED.of(String.class);
    ScheduledEvent event = EventSerializers.SHARED.of(ScheduledEvent.class).fromJson(
        "{\"id\":\"e-1\",\"detail-type\":\"importCompleted\",\"source\":\"todo.imports\",\"time\":\"2026-12-07T21:04:40Z\",\"detail\":{}}");
    assertThat(event.getTime().getMillis()).isEqualTo(java.time.Instant.parse("2026-12-07T21:04:40Z").toEpochMilli());
    assertThat(event.getDetailType()).isEqualTo("importCompleted");
  }

  /** A stand-in serializer that says which type it was made for. */
  private record Named(Class<?> type) implements PojoSerializer<Object> {
    @Override
    public Object fromJson(InputStream input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object fromJson(String input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void toJson(Object value, OutputStream output) {
      throw new UnsupportedOperationException();
    }
  }
}
