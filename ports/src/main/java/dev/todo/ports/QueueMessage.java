package dev.todo.ports;

/** A message to send or one received: {@code id} is unique within one send or receive. */
public record QueueMessage(String id, String body) {
}
