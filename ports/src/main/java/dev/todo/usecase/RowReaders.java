package dev.todo.usecase;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.Compression;
import dev.todo.domain.CsvHeader;
import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportFileException;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.JsonLinesReader;
import dev.todo.domain.RowReader;
import dev.todo.domain.TodoCsvReader;
import dev.todo.ports.StoredObject;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads an uploaded file's rows as they stream: decompressed as its first bytes say (gzip, zstd or none), in the
 * format its metadata or its name gives, from its start or from a checkpoint.
 */
final class RowReaders {

  private static final int BUFFER = 1 << 16;

  /** A reader of a file from its start, with what a checkpoint must remember of how it reads. */
  record Opened(RowReader reader, Compression compression, FileFormat format) {
  }

  private RowReaders() {
  }

  static Opened fromStart(StoredObject object, String key, ImportRecord record) throws IOException, ImportFileException {
    BufferedInputStream raw = new BufferedInputStream(object.content(), BUFFER);
    Compression compression = compression(raw);
    FileFormat format = FileFormat.of(object.metadata(), key);
    InputStream text = decompressed(raw, compression);
    RowReader reader = format.kind() == FileFormat.Kind.JSON_LINES
        ? JsonLinesReader.open(text, record.importId(), record.startedAt())
        : TodoCsvReader.open(text, format, record.importId(), record.startedAt());
    return new Opened(reader, compression, format);
  }

  /**
   * Where to open the object to resume at {@code checkpoint}: at its byte offset if the file is not compressed, else at
   * its start (compressed data has no random access: it is read up to the checkpoint).
   */
  static long openAt(Checkpoint checkpoint) {
    return checkpoint.compression() == Compression.NONE ? checkpoint.position().byteOffset() : 0;
  }

  /** A reader from {@code checkpoint} on, of an object opened {@link #openAt} it. */
  static RowReader resume(StoredObject object, Checkpoint checkpoint, ImportRecord record) throws IOException {
    InputStream text = decompressed(new BufferedInputStream(object.content(), BUFFER), checkpoint.compression());
    text.skipNBytes(checkpoint.position().byteOffset() - openAt(checkpoint));
    if (checkpoint.kind() == FileFormat.Kind.JSON_LINES) {
      return JsonLinesReader.resume(text, checkpoint.position(), record.importId(), record.startedAt());
    }
    CsvHeader header;
    try {
      header = CsvHeader.parse(checkpoint.header());
    } catch (ImportFileException e) {
      throw new IllegalArgumentException("checkpoint carries an invalid header: " + e.getMessage(), e);
    }
    return TodoCsvReader.resume(text, checkpoint.delimiter(), header, checkpoint.position(), record.importId(),
        record.startedAt());
  }

  /** The compression the file's first bytes name, leaving them to be read. */
  private static Compression compression(BufferedInputStream in) throws IOException {
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    return Compression.of(head);
  }

  /**
   * The file's text, decompressed as it streams: memory stays bounded whatever the ratio (a bomb's endless zeros
   * end the import at the reader's record limit, with a reason).
   */
  private static InputStream decompressed(InputStream raw, Compression compression) throws IOException {
    return switch (compression) {
      case NONE -> raw;
      case GZIP -> new GZIPInputStream(raw, BUFFER);
      case ZSTD -> new BufferedInputStream(new ZstdInputStream(raw), BUFFER);
    };
  }
}
