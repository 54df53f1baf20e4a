package dev.todo.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A bus's archive on disk: one event per line, as an EventBridge archive keeps them, appended before the bus answers
 * that it took them. Opened again it gives back how many it holds and the latest of them (a torn last line skipped).
 */
final class EventArchive implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;
  private final Deque<ObjectNode> latest = new ArrayDeque<>();
  private long count;

  /** Opens {@code file} for appending, after reading back its count and its latest {@code kept} events. */
  EventArchive(Path file, int kept) throws IOException {
    Files.createDirectories(file.getParent());
    if (Files.exists(file)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        Deque<String> lines = new ArrayDeque<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.addFirst(line);
          if (lines.size() > kept) {
            lines.removeLast();
          }
          count++;
        }
        for (String line : lines) {
          try {
            latest.addLast((ObjectNode) JSON.readTree(line));
          } catch (IOException | ClassCastException torn) {
            count--;
          }
        }
      }
    }
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.truncate(wholeLines(channel)); // a torn last line would swallow the next event appended after it
    channel.position(channel.size());
  }

  /** The length of the file up to and including its last line break. */
  private static long wholeLines(FileChannel file) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    for (long at = file.size() - 1; at >= 0; at--) {
      one.clear();
      file.read(one, at);
      if (one.get(0) == '\n') {
        return at + 1;
      }
    }
    return 0;
  }

  /** How many events the archive held when it was opened. */
  long count() {
    return count;
  }

  /** The latest events it held when it was opened, newest first. */
  List<ObjectNode> latest() {
    return List.copyOf(latest);
  }

  /** Appends the events in one write. */
  void append(List<ObjectNode> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (ObjectNode event : events) {
      lines.append(JSON.writeValueAsString(event)).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    synchronized (channel) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      System.err.println("closing the bus's archive failed: " + e);
    }
  }
}
