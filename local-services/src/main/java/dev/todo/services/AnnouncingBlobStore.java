package dev.todo.services;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy's store, announcing every write that completes to {@link S3Writes}: the hook S3 has for its event
 * notifications, where a listing would also see the store's temporary files and miss quick overwrites.
 */
final class AnnouncingBlobStore extends ForwardingBlobStore {

  private final S3Writes writes;

  AnnouncingBlobStore(BlobStore store, S3Writes writes) {
    super(store);
    this.writes = writes;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    Counting counted = new Counting(content);
    PutObjectResponse response = delegate().putBlob(request, counted);
    writes.announce(new S3Writes.Written(request.bucket(), request.key(), counted.bytes, response.eTag(), "Put"));
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    CopyObjectResponse response = delegate().copyBlob(request);
    announceStored(request.destinationBucket(), request.destinationKey(), "Copy");
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
      CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response = delegate().completeMultipartUpload(upload, request);
    announceStored(upload.containerName(), upload.blobName(), "CompleteMultipartUpload");
    return response;
  }

  /** A write whose size the call does not say: read back at once, as S3 reports the object it made. */
  private void announceStored(String bucket, String key, String operation) {
    var stored = delegate().blobMetadata(bucket, key);
    writes.announce(new S3Writes.Written(bucket, key, stored.contentLength(), stored.eTag(), operation));
  }

  /** Counts the bytes a put reads, for the event's size. */
  private static final class Counting extends FilterInputStream {
    long bytes;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      bytes += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      bytes += Math.max(0, n);
      return n;
    }
  }
}
