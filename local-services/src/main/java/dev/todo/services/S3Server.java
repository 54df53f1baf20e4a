package dev.todo.services;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy in this JVM on 127.0.0.1: objects in memory, or in files under a directory that outlives it; its completed
 * writes are announced through {@link S3Writes}.
 */
final class S3Server implements AutoCloseable {

  /**
   * The largest single request (a put or a browser POST) the local S3 takes: S3Proxy holds a POST's whole body in
   * memory, so this is what a runner's heap can hold safely, not S3's 5 GB; larger files go in a multipart upload.
   */
  static final long MAX_REQUEST_BYTES = 256L << 20;

  private final S3Proxy proxy;
  private final int port;
  private final S3Writes writes;

  private S3Server(S3Proxy proxy, int port, S3Writes writes) {
    this.proxy = proxy;
    this.port = port;
    this.writes = writes;
  }

  static S3Server start(int port, Optional<Path> dir, String accessKey, String secretKey) {
    BlobStore store = dir.<BlobStore>map(d -> new FilesystemNio2BlobStore(LocalServices.mkdirs(d).toString()))
        .orElseGet(TransientNio2BlobStore::new);
    S3Writes writes = S3Writes.register(port);
    S3Proxy proxy = S3Proxy.builder().blobStore(new AnnouncingBlobStore(store, writes)).endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .v4MaxNonChunkedRequestSize(MAX_REQUEST_BYTES)
        // no graceful stop: it waited up to two seconds for the clients' idle keep-alive connections, and the
        // cloud's functions have stopped calling before its servers stop
        .stopTimeout(0).build();
    try {
      proxy.start();
    } catch (Exception e) {
      S3Writes.unregister(port, writes);
      throw new IllegalStateException("the local S3 server (S3Proxy) did not start on port " + port + ": " + e, e);
    }
    return new S3Server(proxy, port, writes);
  }

  @Override
  public void close() {
    S3Writes.unregister(port, writes);
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the local S3 server did not stop: " + e, e);
    }
  }
}
