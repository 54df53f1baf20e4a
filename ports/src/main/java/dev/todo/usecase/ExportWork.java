package dev.todo.usecase;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.ExportFilter;
import dev.todo.domain.ExportFormat;
import dev.todo.domain.ExportStatus;
import dev.todo.ports.ExportFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an export keeps while it runs, as small objects under {@code export-work/<export id>/}, each written whole by
 * one writer: the request, one state per segment (written only by the worker reading that segment), and the result.
 * No object is ever read, changed and put back by two writers, so none needs a lock.
 */
final class ExportWork {

  static final String PREFIX = "export-work/";
  /** Made when an export first reads or writes its work, not when the API function that can start one is made. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private final ExportFiles files;

  ExportWork(ExportFiles files) {
    this.files = files;
  }

  /** What was asked for, and when (stored as plain text: "" where the filter leaves something open). */
  record Request(String exportId, String completed, String importId, String format, int segments, long startedAt) {

    Request(String exportId, ExportFilter filter, ExportFormat format, int segments, long startedAt) {
      this(exportId, filter.completed().map(String::valueOf).orElse(""), filter.importId().orElse(""), format.toString(),
          segments, startedAt);
    }

    ExportFilter filter() {
      return new ExportFilter(Optional.of(completed).filter(c -> !c.isEmpty()).map(Boolean::parseBoolean),
          Optional.of(importId).filter(i -> !i.isEmpty()));
    }

    ExportFormat exportFormat() {
      return ExportFormat.named(format);
    }

    /** Where the export's file goes. */
    String key() {
      return "export/" + exportId + exportFormat().extension();
    }
  }

  /**
   * One part a segment wrote: rows in the export's format without a header, their extra attributes' columns being
   * {@code columns} (the attributes its own todos have, sorted).
   */
  record Part(String key, long rows, List<String> columns) {
    Part {
      columns = List.copyOf(columns);
    }
  }

  /**
   * How far one segment is: the parts it wrote in order, the rows in them, where its Scan goes on
   * ({@code nextToken}), and whether it is read to the end.
   */
  record Segment(List<Part> parts, long rows, String nextToken, boolean done) {
    static final Segment FRESH = new Segment(List.of(), 0, "", false);

    Segment {
      parts = List.copyOf(parts);
    }

    /** After a part (if the pages since the last one held any rows) and with the Scan now at {@code next}. */
    Segment after(Optional<Part> part, Optional<String> next) {
      List<Part> more = new ArrayList<>(parts);
      part.ifPresent(more::add);
      return new Segment(more, rows + part.map(Part::rows).orElse(0L), next.orElse(""), next.isEmpty());
    }

    /** The extra attributes' columns of every part, sorted. */
    SortedSet<String> columns() {
      SortedSet<String> union = new TreeSet<>();
      parts.forEach(p -> union.addAll(p.columns()));
      return union;
    }

    Optional<String> token() {
      return Optional.of(nextToken).filter(t -> !t.isEmpty());
    }
  }

  /** How it ended. */
  record Result(ExportStatus status, long rows, long bytes, long finishedAt, String reason) {
  }

  void putRequest(Request request) throws IOException {
    files.put(PREFIX + request.exportId() + "/export.json", Json.MAPPER.writeValueAsBytes(request));
  }

  Optional<Request> request(String exportId) throws IOException {
    return read(PREFIX + exportId + "/export.json", Request.class);
  }

  void putSegment(String exportId, int segment, Segment state) throws IOException {
    files.put(segmentKey(exportId, segment), Json.MAPPER.writeValueAsBytes(state));
  }

  Segment segment(String exportId, int segment) throws IOException {
    return read(segmentKey(exportId, segment), Segment.class).orElse(Segment.FRESH);
  }

  List<Segment> segments(Request request) throws IOException {
    List<Segment> all = new ArrayList<>(request.segments());
    for (int s = 0; s < request.segments(); s++) {
      all.add(segment(request.exportId(), s));
    }
    return all;
  }

  /** Who assembles the file, since when: written by the first assembly to start, taken over only once it is stale. */
  record Claim(String run, long claimedAt) {
  }

  /** Claims the assembly for {@code run}, unless a claim made after {@code staleBefore} stands; answers whether it did. */
  boolean claimAssembly(String exportId, String run, long now, long staleBefore) throws IOException {
    String key = PREFIX + exportId + "/assembly.json";
    byte[] claim = Json.MAPPER.writeValueAsBytes(new Claim(run, now));
    if (files.putIfAbsent(key, claim)) {
      return true;
    }
    Optional<Claim> standing = read(key, Claim.class);
    if (standing.isPresent() && standing.get().claimedAt() >= staleBefore) {
      return false;
    }
    files.put(key, claim); // the run that claimed it ended without a result: a crash, a timeout
    return true;
  }

  void putResult(String exportId, Result result) throws IOException {
    files.put(PREFIX + exportId + "/result.json", Json.MAPPER.writeValueAsBytes(result));
  }

  Optional<Result> result(String exportId) throws IOException {
    return read(PREFIX + exportId + "/result.json", Result.class);
  }

  /** A new part's key: its segment, its place in the segment, and the run that wrote it (two runs never share one). */
  static String partKey(String exportId, int segment, int index, String run) {
    return String.format("%s%s/parts/%04d-%06d-%s.jsonl", PREFIX, exportId, segment, index, run);
  }

  static String partsPrefix(String exportId) {
    return PREFIX + exportId + "/parts/";
  }

  private static String segmentKey(String exportId, int segment) {
    return String.format("%s%s/segment-%04d.json", PREFIX, exportId, segment);
  }

  private <T> Optional<T> read(String key, Class<T> type) throws IOException {
    Optional<byte[]> bytes = files.get(key);
    try {
      return bytes.isEmpty() ? Optional.empty() : Optional.of(Json.MAPPER.readValue(bytes.get(), type));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
