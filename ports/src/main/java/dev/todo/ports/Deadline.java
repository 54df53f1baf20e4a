package dev.todo.ports;

/** Tells a long-running use case when to stop and hand over a checkpoint. */
@FunctionalInterface
public interface Deadline {

  Deadline NONE = () -> false;

  boolean reached();
}
