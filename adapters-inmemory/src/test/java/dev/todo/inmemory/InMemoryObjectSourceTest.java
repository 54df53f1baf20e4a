package dev.todo.inmemory;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.contract.ObjectSourceContract;

class InMemoryObjectSourceTest extends ObjectSourceContract {

  private final InMemoryObjectSource source = new InMemoryObjectSource();

  @Override
  protected ObjectSource source() {
    return source;
  }

  @Override
  protected ObjectRef upload(String key, byte[] content) {
    return source.put(BUCKET, key, content);
  }
}
