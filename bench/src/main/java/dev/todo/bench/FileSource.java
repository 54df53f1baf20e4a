package dev.todo.bench;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.ObjectNotFoundException;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One local file served as the object every ref names: the producer with no S3 in the way. */
record FileSource(Path file) implements ObjectSource {

  @Override
  public StoredObject open(ObjectRef ref, long fromByte) throws IOException {
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(fromByte);
    return new StoredObject(in, Files.size(file), ref.eTag().orElse("-"), Optional.empty(), java.util.Map.of());
  }

  @Override
  public String writeErrorReport(ObjectRef source, String csv) throws ObjectNotFoundException {
    throw new ObjectNotFoundException("the generated file has no bad rows");
  }

  @Override
  public Optional<String> readErrorReport(ObjectRef source) {
    return Optional.empty();
  }
}
