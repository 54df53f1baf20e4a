package dev.todo.inmemory;

import dev.todo.ports.ExportFiles;
import dev.todo.ports.ObjectNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Export objects in a sorted map; an uploaded object appears whole when its upload completes, as S3's multipart upload does. */
public class InMemoryExportFiles implements ExportFiles {

  private final NavigableMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
  private final Map<String, NavigableMap<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
  private final Set<String> completed = ConcurrentHashMap.newKeySet();
  private final int minPartBytes;

  /** With S3's smallest part ({@link #MIN_PART_BYTES}) for every part of an upload but its last. */
  public InMemoryExportFiles() {
    this(MIN_PART_BYTES);
  }

  /** With {@code minPartBytes} instead: tests of files of a few kilobytes in several parts. */
  public InMemoryExportFiles(int minPartBytes) {
    this.minPartBytes = minPartBytes;
  }

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
  public String startUpload(String key, String contentType) {
    String id = UUID.randomUUID().toString();
    uploads.put(id, new ConcurrentSkipListMap<>());
    return id;
  }

  @Override
  public String uploadPart(String key, String uploadId, int number, byte[] content) throws IOException {
    upload(uploadId).put(number, content.clone());
    return eTag(content);
  }

  @Override
  public String copyPart(String key, String uploadId, int number, String sourceKey) throws IOException {
    byte[] source = objects.get(sourceKey);
    if (source == null) {
      throw new ObjectNotFoundException(sourceKey + " does not exist");
    }
    return uploadPart(key, uploadId, number, source);
  }

  @Override
  public int minPartBytes() {
    return minPartBytes;
  }

  @Override
  public void completeUpload(String key, String uploadId, List<String> eTags) throws IOException {
    if (completed.contains(uploadId) && objects.containsKey(key)) {
      return; // completed once already
    }
    NavigableMap<Integer, byte[]> parts = upload(uploadId);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (int number = 1; number <= eTags.size(); number++) {
      byte[] part = parts.get(number);
      if (part == null || !eTag(part).equals(eTags.get(number - 1))) {
        throw new IOException("InvalidPart: part " + number + " of " + key + " is not the one named");
      }
      if (number < eTags.size() && part.length < minPartBytes) {
        throw new IOException("EntityTooSmall: part " + number + " of " + key + " holds " + part.length + " bytes");
      }
      whole.writeBytes(part);
    }
    objects.put(key, whole.toByteArray());
    uploads.remove(uploadId);
    completed.add(uploadId);
  }

  @Override
  public void abortUpload(String key, String uploadId) {
    uploads.remove(uploadId);
  }

  /** The uploads started and neither completed nor aborted, for tests. */
  public int openUploads() {
    return uploads.size();
  }

  private NavigableMap<Integer, byte[]> upload(String uploadId) throws IOException {
    NavigableMap<Integer, byte[]> parts = uploads.get(uploadId);
    if (parts == null) {
      throw new IOException("NoSuchUpload: " + uploadId);
    }
    return parts;
  }

  private static String eTag(byte[] content) {
    return "\"" + Integer.toHexString(Arrays.hashCode(content)) + "-" + content.length + "\"";
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
