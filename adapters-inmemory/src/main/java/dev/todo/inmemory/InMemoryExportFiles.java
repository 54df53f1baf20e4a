package dev.todo.inmemory;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.ObjectNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Export objects in a sorted map; a created object appears whole when its stream is closed, as a multipart upload does. */
public class InMemoryExportFiles implements ExportFiles {

  private final NavigableMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

  @Override
  public void put(String key, byte[] content) {
    objects.put(key, content.clone());
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    return objects.putIfAbsent(key, content.clone()) == null;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
  }

  @Override
  public InputStream open(String key) throws ObjectNotFoundException {
    byte[] content = objects.get(key);
    if (content == null) {
      throw new ObjectNotFoundException(key + " does not exist");
    }
    return new ByteArrayInputStream(content);
  }

  @Override
  public List<String> children(String prefix) {
    List<String> names = new ArrayList<>();
    for (String key : objects.tailMap(prefix, true).keySet()) {
      if (!key.startsWith(prefix)) {
        break;
      }
      String rest = key.substring(prefix.length());
      String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
      if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) {
        names.add(name);
      }
    }
    return names;
  }

  @Override
  public Upload create(String key, String contentType) {
    return new Upload() {
      private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      private boolean open = true;

      @Override
      public void write(int b) {
        bytes.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
      }

      @Override
      public void close() {
        if (open) {
          open = false;
          objects.put(key, bytes.toByteArray());
        }
      }

      @Override
      public void abort() {
        open = false;
      }
    };
  }

  @Override
  public void delete(List<String> keys) {
    keys.forEach(objects::remove);
  }

  @Override
  public URI downloadLink(String key, Duration validFor) {
    return URI.create("memory://exports/" + key);
  }

  /** Every object's key and size, for tests. */
  public Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new java.util.TreeMap<>();
    objects.forEach((k, v) -> sizes.put(k, v.length));
    return sizes;
  }
}
