package dev.todo.usecase;

import dev.todo.domain.ObjectRef;
import dev.todo.inmemory.InMemoryContinuations;
import dev.todo.inmemory.InMemoryImportJournal;
import dev.todo.inmemory.InMemoryObjectSource;
import dev.todo.inmemory.InMemoryRowQueue;
import dev.todo.inmemory.InMemoryTodoRepository;
import dev.todo.ports.QueueMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** The import use cases wired to in-memory adapters, as a unit test needs them. */
final class Pipeline {

  static final String BUCKET = "imports";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  /** The queue's receives before a message is dead-lettered, as the stack sets it. */
  static final int MAX_RECEIVE_COUNT = 5;

  final InMemoryObjectSource objects = new InMemoryObjectSource();
  final InMemoryRowQueue queue = new InMemoryRowQueue();
  final InMemoryImportJournal journal = new InMemoryImportJournal();
  final InMemoryTodoRepository todos = new InMemoryTodoRepository();
  final InMemoryContinuations continuations = new InMemoryContinuations();
  final ImportService importer;
  final RowWriter writer;

  Pipeline() {
    this(ImportSettings.DEFAULTS);
  }

  Pipeline(ImportSettings settings) {
    this(settings, CLOCK);
  }

  Pipeline(ImportSettings settings, Clock clock) {
    importer = new ImportService(objects, queue, journal, continuations, clock, settings);
    writer = new RowWriter(todos, journal, clock, Optional.empty(), MAX_RECEIVE_COUNT);
  }

  ObjectRef upload(String key, String csv) {
    return objects.put(BUCKET, key, csv.getBytes(StandardCharsets.UTF_8));
  }

  /** Uploads the text compressed as asked (zstd with aircompressor's encoder), with the object metadata given. */
  ObjectRef upload(String key, String text, dev.todo.domain.Compression compression, java.util.Map<String, String> metadata)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.io.OutputStream out = switch (compression) {
      case NONE -> bytes;
      case GZIP -> new GZIPOutputStream(bytes);
      case ZSTD -> new io.airlift.compress.zstd.ZstdOutputStream(bytes);
    }) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return objects.put(BUCKET, key, bytes.toByteArray(), metadata);
  }

  ObjectRef uploadGzip(String key, String csv) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(csv.getBytes(StandardCharsets.UTF_8));
    }
    return objects.put(BUCKET, key, bytes.toByteArray());
  }

  /** Delivers every queued message to the writer in batches of ten, as the event source would. */
  List<String> drainIntoTable() {
    List<QueueMessage> messages = queue.drain();
    List<String> failed = new java.util.ArrayList<>();
    for (int i = 0; i < messages.size(); i += 10) {
      failed.addAll(writer.write(messages.subList(i, Math.min(messages.size(), i + 10))).failed());
    }
    return failed;
  }

  static String csv(int rows) {
    StringBuilder csv = new StringBuilder("name,completed,project\n");
    for (int i = 1; i <= rows; i++) {
      csv.append("task ").append(i).append(',').append(i % 3 == 0).append(",proj-").append(i % 7).append('\n');
    }
    return csv.toString();
  }
}
