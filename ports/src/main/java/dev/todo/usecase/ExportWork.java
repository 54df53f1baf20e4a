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
  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
   * How far one segment is: the parts it wrote in order, the rows in them, the extra attributes they hold, where its
   * Scan goes on ({@code nextToken}), and whether it is read to the end.
   */
  record Segment(List<String> parts, long rows, SortedSet<String> columns, String nextToken, boolean done) {
    static final Segment FRESH = new Segment(List.of(), 0, new TreeSet<>(), "", false);

    Segment {
      parts = List.copyOf(parts);
      columns = new TreeSet<>(columns);
    }

    Segment after(String part, long partRows, SortedSet<String> partColumns, Optional<String> next) {
      List<String> more = new ArrayList<>(parts);
      if (!part.isEmpty()) {
        more.add(part);
      }
      SortedSet<String> union = new TreeSet<>(columns);
      union.addAll(partColumns);
      return new Segment(more, rows + partRows, union, next.orElse(""), next.isEmpty());
    }

    Optional<String> token() {
      return Optional.of(nextToken).filter(t -> !t.isEmpty());
    }
  }

  /** How it ended. */
  record Result(ExportStatus status, long rows, long bytes, long finishedAt, String reason) {
  }

  void putRequest(Request request) throws IOException {
    files.put(PREFIX + request.exportId() + "/export.json", JSON.writeValueAsBytes(request));
  }

  Optional<Request> request(String exportId) throws IOException {
    return read(PREFIX + exportId + "/export.json", Request.class);
  }

  void putSegment(String exportId, int segment, Segment state) throws IOException {
    files.put(segmentKey(exportId, segment), JSON.writeValueAsBytes(state));
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

  void putResult(String exportId, Result result) throws IOException {
    files.put(PREFIX + exportId + "/result.json", JSON.writeValueAsBytes(result));
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
      return bytes.isEmpty() ? Optional.empty() : Optional.of(JSON.readValue(bytes.get(), type));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
