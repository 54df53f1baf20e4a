package dev.todo.ports;

import dev.todo.domain.ObjectRef;
import java.io.IOException;
import java.util.Optional;

/** Where uploaded import files are read from, and where each import's error report is written beside its file. */
public interface ObjectSource {

  /**
   * Opens the object's content from byte {@code fromByte} on, streamed, never held whole in memory.
   *
   * @throws ObjectNotFoundException if the object is gone or no longer has the version or ETag the ref pins
   */
  StoredObject open(ObjectRef ref, long fromByte) throws IOException;

  /** Writes (or replaces) the error report of the import of {@code source}; returns where it is, as a URI. */
  String writeErrorReport(ObjectRef source, String csv) throws IOException;

  /** The error report written for the import of {@code source}, if there is one. */
  Optional<String> readErrorReport(ObjectRef source) throws IOException;
}
