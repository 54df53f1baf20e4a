package dev.todo.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The serializers of Lambda's Java runtime, one per event type, made one at a time for every function of this JVM. On
 * Lambda each function has a JVM of its own and makes its serializers before its first event; here the functions share
 * one, and {@link LambdaEventSerializers} is not safe to call from two threads at once: for a type without mix-ins
 * ({@code Void}, {@code String}) it registers its date modules on one mapper all serializers are copied from, and two
 * first calls side by side can lose one module's deserializers while keeping its name, after which every
 * {@code ScheduledEvent} serializer copied from that mapper reads no {@code time} (seen: the Notifier failing all three
 * tries with "Cannot construct instance of org.joda.time.DateTime"; 1-2 in 100 fresh class loaders in a test of
 * four first calls at once, none under this lock).
 */
final class EventSerializers {

  /** The serializers every local function uses. */
  static final EventSerializers SHARED = new EventSerializers(
      type -> LambdaEventSerializers.serializerFor(type, EventSerializers.class.getClassLoader()));

  private final Function<Class<?>, PojoSerializer<?>> library;
  private final Map<Class<?>, PojoSerializer<?>> made = new HashMap<>();

  EventSerializers(Function<Class<?>, PojoSerializer<?>> library) {
    this.library = library;
  }

  /** The serializer of {@code type}, made at the first call that needs it and kept (a serializer is safe to share). */
  @SuppressWarnings("unchecked")
  synchronized <T> PojoSerializer<T> of(Class<T> type) {
    return (PojoSerializer<T>) made.computeIfAbsent(type, library);
  }
}
