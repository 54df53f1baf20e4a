package dev.todo.inmemory;

import dev.todo.domain.ObjectRef;
import dev.todo.ports.ObjectNotFoundException;
import dev.todo.ports.ObjectSource;
import dev.todo.ports.StoredObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Objects kept in memory, with S3's ETag (the MD5 of the content) so refs pin a content as they do in S3. */
public final class InMemoryObjectSource implements ObjectSource {

  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();

  /** Stores an object and returns the ref a notification of its upload would carry. */
  public ObjectRef put(String bucket, String key, byte[] content) {
    return put(bucket, key, content, Map.of());
  }

  /** Stores an object with user metadata (as S3's {@code x-amz-meta-*} headers give it). */
  public ObjectRef put(String bucket, String key, byte[] content, Map<String, String> userMetadata) {
    metadata.put(path(bucket, key), Map.copyOf(userMetadata));
    objects.put(path(bucket, key), content.clone());
    return ObjectRef.of(bucket, key, eTag(content));
  }

  public Optional<byte[]> get(String bucket, String key) {
    return Optional.ofNullable(objects.get(path(bucket, key))).map(byte[]::clone);
  }

  @Override
  public StoredObject open(ObjectRef ref, long fromByte) throws ObjectNotFoundException {
    byte[] content = objects.get(path(ref.bucket(), ref.key()));
    if (content == null) {
      throw new ObjectNotFoundException(ref + " does not exist");
    }
    String eTag = eTag(content);
    if (ref.eTag().isPresent() && !ref.eTag().get().equals(eTag)) {
      throw new ObjectNotFoundException(ref + " has been overwritten since it was uploaded");
    }
    int from = (int) Math.min(fromByte, content.length);
    return new StoredObject(new ByteArrayInputStream(content, from, content.length - from), content.length, eTag,
        Optional.empty(), metadata.getOrDefault(path(ref.bucket(), ref.key()), Map.of()));
  }

  @Override
  public String writeErrorReport(ObjectRef source, String csv) {
    objects.put(path(source.bucket(), source.errorReportKey()), csv.getBytes(StandardCharsets.UTF_8));
    return "mem://" + path(source.bucket(), source.errorReportKey());
  }

  @Override
  public Optional<String> readErrorReport(ObjectRef source) {
    return get(source.bucket(), source.errorReportKey()).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  private static String path(String bucket, String key) {
    return bucket + "/" + key;
  }

  private static String eTag(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
