package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where one local stream keeps its records: in memory only, or (with a data dir) also on disk, as a shard keeps
 * them durably. On disk the log is a series of JSON-lines segments holding three kinds of line: a record (with its
 * sequence number, given here, in the order the records are appended), an intent (the keys a write is about to
 * touch, and for an imaged stream what they held before it) and the intent's end (its records are in the log).
 * The function's checkpoint, the last sequence number it took, is a file of its own. Opened again, the log hands
 * back the records after the checkpoint and the intents a kill left open, for {@link TableStreams} to recover;
 * segments whose records were all taken are deleted. A line is written with one {@code write} call, so a killed
 * process leaves at most its last line torn, which is skipped.
 */
public final class StreamLog implements AutoCloseable {

  static final long SEGMENT_BYTES = 32L * 1024 * 1024;
  private static final long FIRST_SEQUENCE = 100_000_000_000_000_000L;

  private final Optional<Path> dir;
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private final List<StreamRecord> unprocessed = new ArrayList<>();
  private final Map<Long, WriteIntent> open = new LinkedHashMap<>();
  private final Map<Long, Long> openedIn = new java.util.HashMap<>(); // an open intent's id -> its segment's number
  private long sequence = FIRST_SEQUENCE;
  private long intents;
  private long checkpoint;
  private FileChannel current;
  private Consumer<StreamRecord> reader = record -> { };

  /** A segment file, its size and the last sequence number it holds. */
  private static final class Segment {
    final Path path;
    long lastSequence;
    long bytes;

    Segment(Path path) {
      this.path = path;
    }
  }

  private StreamLog(Optional<Path> dir) {
    this.dir = dir;
  }

  /** A log that lives as long as the process: without a data dir, as before. */
  public static StreamLog inMemory() {
    return new StreamLog(Optional.empty());
  }

  /** The log kept under {@code dir}, read back: what it holds after its checkpoint, and the intents left open. */
  public static StreamLog open(Path dir) {
    StreamLog log = new StreamLog(Optional.of(dir));
    try {
      Files.createDirectories(dir);
      log.read();
      log.roll();
    } catch (IOException e) {
      throw new UncheckedIOException("the stream log in " + dir + " cannot be read: " + e.getMessage(), e);
    }
    return log;
  }

  private void read() throws IOException {
    Path checkpointFile = dir.orElseThrow().resolve("checkpoint");
    checkpoint = Files.exists(checkpointFile) ? Long.parseLong(Files.readString(checkpointFile).trim()) : 0;
    sequence = Math.max(sequence, checkpoint);
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir.get())) {
      files = listed.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
    for (Path file : files) {
      Segment segment = new Segment(file);
      long number = number(file);
      segments.put(number, segment);
      segment.bytes = Files.size(file);
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String text = in.readLine(); text != null; text = in.readLine()) {
          LogLines.Line line = LogLines.parse(text).orElse(null); // null: a torn last line, never handed on
          if (line instanceof LogLines.Appended a) {
            long seq = Long.parseLong(a.record().sequenceNumber());
            sequence = Math.max(sequence, seq);
            segment.lastSequence = seq;
            if (seq > checkpoint) {
              unprocessed.add(a.record());
            }
          } else if (line instanceof LogLines.Intended i) {
            intents = Math.max(intents, i.intent().id());
            open.put(i.intent().id(), i.intent());
            openedIn.put(i.intent().id(), number);
          } else if (line instanceof LogLines.Ended e) {
            open.remove(e.intent());
            openedIn.remove(e.intent());
          }
        }
      }
    }
    unprocessed.sort(java.util.Comparator.comparing(StreamRecord::sequenceNumber));
  }

  private static long number(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.indexOf('.')));
  }

  /** The records the function has not taken yet, in order, as the log held them when opened. */
  List<StreamRecord> unprocessed() {
    return List.copyOf(unprocessed);
  }

  /** The writes a kill interrupted between their intent and their records, oldest first. */
  synchronized List<WriteIntent> openIntents() {
    return List.copyOf(open.values());
  }

  /** Records that a write is about to touch these keys (holding, before it, {@code before} by key); returns its id. */
  synchronized long intend(List<ObjectNode> keys, Map<String, JsonNode> before) {
    long id = ++intents;
    if (dir.isEmpty()) {
      return id;
    }
    WriteIntent intent = new WriteIntent(id, keys, before);
    write(LogLines.intent(intent));
    openedIn.put(id, segments.lastKey());
    open.put(id, intent);
    return id;
  }

  /** The write of that intent is over and its records (if any) are in the log. */
  synchronized void ended(long intent) {
    if (open.remove(intent) == null || dir.isEmpty()) {
      return;
    }
    write(LogLines.ended(intent));
    openedIn.remove(intent);
  }

  /**
   * The stream's reader: it gets the records not yet taken now, then every record appended, in order (under the
   * log's lock, so none is missed or handed over twice).
   */
  public synchronized void subscribe(Consumer<List<StreamRecord>> unprocessed, Consumer<StreamRecord> appended) {
    unprocessed.accept(unprocessed());
    reader = appended;
  }

  /** Gives the record the next sequence number, keeps it and hands it to the reader. */
  public synchronized StreamRecord append(String eventId, String eventName, ObjectNode dynamodb) {
    long seq = ++sequence;
    dynamodb.put("SequenceNumber", Long.toString(seq));
    StreamRecord record = new StreamRecord(eventId, eventName, dynamodb);
    if (dir.isPresent()) {
      write(LogLines.record(record));
      segments.lastEntry().getValue().lastSequence = seq;
    }
    reader.accept(record);
    return record;
  }

  /**
   * The function took every record up to {@code sequenceNumber}: a restart resumes after it. Segments holding
   * nothing after it, and no intent still open, are deleted.
   */
  public synchronized void checkpoint(String sequenceNumber) {
    long seq = Long.parseLong(sequenceNumber);
    if (seq <= checkpoint || dir.isEmpty()) {
      return;
    }
    checkpoint = seq;
    try {
      Path file = dir.get().resolve("checkpoint");
      Path next = dir.get().resolve("checkpoint.next");
      Files.writeString(next, Long.toString(seq));
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      while (segments.size() > 1) {
        Segment oldest = segments.firstEntry().getValue();
        if (oldest.lastSequence > checkpoint || openedIn.containsValue(segments.firstKey())) {
          break;
        }
        Files.deleteIfExists(oldest.path);
        segments.pollFirstEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the stream's checkpoint cannot be written: " + e.getMessage(), e);
    }
  }

  private void write(ObjectNode line) {
    try {
      byte[] bytes = (DynamoDbRequests.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      if (segments.lastEntry().getValue().bytes + bytes.length > SEGMENT_BYTES) {
        roll();
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        current.write(buffer);
      }
      segments.lastEntry().getValue().bytes += bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException("the stream log cannot be written: " + e.getMessage(), e);
    }
  }

  /** Starts a new segment; the records of the old ones stay until the checkpoint passes them. */
  private void roll() throws IOException {
    if (current != null) {
      current.close();
    }
    long number = segments.isEmpty() ? 1 : segments.lastKey() + 1;
    Segment segment = new Segment(dir.orElseThrow().resolve(String.format("%012d.jsonl", number)));
    segment.lastSequence = sequence;
    segments.put(number, segment);
    current = FileChannel.open(segment.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void close() {
    try {
      if (current != null) {
        current.close();
      }
    } catch (IOException e) {
      System.err.println("closing the stream log failed: " + e);
    }
  }
}
