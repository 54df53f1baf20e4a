package dev.todo.ports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where exports keep their work and write their files: small objects written whole (an export's request, each
 * segment's state, the parts a segment read), the export's one file uploaded in parts, and a link to download it.
 */
public interface ExportFiles {

  /** The smallest part of a multipart upload but for its last, as S3 has it. */
  int MIN_PART_BYTES = 5 << 20;

  /** Writes (or replaces) the object at {@code key}. */
  void put(String key, byte[] content) throws IOException;

  /**
   * Writes the object at {@code key} only where there is none, in one atomic call (S3's conditional write,
   * {@code If-None-Match: *}); answers whether this call made it. Of two at once, exactly one makes it. A call whose
   * first try made the object but lost the answer still answers that it made it, by finding its bytes there: so two
   * writers must never put the same bytes (a claim names its claimant).
   */
  boolean putIfAbsent(String key, byte[] content) throws IOException;

  /** The object at {@code key}, if there is one. */
  Optional<byte[]> get(String key) throws IOException;

  /**
   * Streams the object at {@code key}, never holding it whole in memory.
   *
   * @throws ObjectNotFoundException if there is none
   */
  InputStream open(String key) throws IOException;

  /** The names directly under {@code prefix} (which ends with a slash), each up to the next slash (left out), ascending. */
  List<String> children(String prefix) throws IOException;

  /**
   * Starts a multipart upload of the object at {@code key} and answers its id; nothing is at {@code key} until
   * {@link #completeUpload} puts the parts together, so an upload can go on across runs from the parts it has.
   */
  String startUpload(String key, String contentType) throws IOException;

  /**
   * Uploads part {@code number} (from 1) of an upload and answers the part's ETag; uploading a number again replaces
   * that part. Every part but the last must hold {@link #MIN_PART_BYTES} at least (S3's rule).
   */
  String uploadPart(String key, String uploadId, int number, byte[] content) throws IOException;

  /**
   * Makes part {@code number} of an upload a copy of the object at {@code sourceKey}, within the store (S3's
   * UploadPartCopy: not a byte passes through the caller), and answers the part's ETag; as {@link #uploadPart} does
   * with those bytes, copying a number again replaces that part.
   */
  String copyPart(String key, String uploadId, int number, String sourceKey) throws IOException;

  /**
   * The smallest part of an upload but its last that this store takes: {@link #MIN_PART_BYTES}, S3's, unless a test's
   * store says otherwise.
   */
  default int minPartBytes() {
    return MIN_PART_BYTES;
  }

  /**
   * Makes the object from the parts whose ETags are given, in order; completing an upload that was completed already
   * (a run that stopped before it could record that it had) is no error.
   */
  void completeUpload(String key, String uploadId, List<String> eTags) throws IOException;

  /** Gives an upload up: its parts are dropped and no object is made. */
  void abortUpload(String key, String uploadId) throws IOException;

  /** Deletes the objects, those already gone included. */
  void delete(List<String> keys) throws IOException;

  /** A link that downloads the object at {@code key} without credentials until it expires. */
  URI downloadLink(String key, Duration validFor);
}
