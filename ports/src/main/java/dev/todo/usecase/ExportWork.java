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
import java.util.regex.Pattern;

/**
 * What an export keeps while it runs, as small objects under {@code export-work/<export id>/}, each written whole by
 * one writer: the request, one state per segment (written only by the worker reading that segment), one state per run
 * of the assembly (written only by that run) and the result. No object is read, changed and put back by two writers,
 * so none needs a lock.
 */
final class ExportWork {

  static final String PREFIX = "export-work/";
  /** A run's state under {@code assembly/}: other names a listing may show (a server's temporary file) are not one. */
  private static final Pattern RUN_STATE = Pattern.compile("\\d{6}\\.json");
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
   * {@code columns} (sorted; every attribute its todos have is one), {@code bytes} long (0 in a state written before
   * parts recorded their size).
   */
  record Part(String key, long rows, List<String> columns, long bytes) {
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

  /**
   * How far the assembly of the file is, as the run that claimed it ({@code generation}: the first run 0, each run that
   * takes over one more) last recorded: when ({@code claimedAt}; 0 when it handed the rest on), the file's multipart
   * upload, the ETags of its parts so far, the next segment part to take ({@code nextPart}, counted in the order
   * the assembly takes them) and the bytes uploaded.
   */
  record Assembly(String run, int generation, long claimedAt, String uploadId, List<String> eTags, int nextPart,
                  long bytes) {
    Assembly {
      eTags = List.copyOf(eTags);
    }

    Assembly takenBy(String other, long now) {
      return new Assembly(other, generation + 1, now, uploadId, eTags, nextPart, bytes);
    }

    Assembly uploading(String upload) {
      return new Assembly(run, generation, claimedAt, upload, eTags, nextPart, bytes);
    }

    /** After one more part of the file, which holds the segment parts before {@code next}. */
    Assembly after(String eTag, int next, long partBytes, long now) {
      List<String> more = new ArrayList<>(eTags);
      more.add(eTag);
      return new Assembly(run, generation, now, uploadId, more, next, bytes + partBytes);
    }

    /** Handed on to the next run: a claim any run may take over at once. */
    Assembly released() {
      return new Assembly(run, generation, 0, uploadId, eTags, nextPart, bytes);
    }
  }

  /**
   * Claims the assembly for {@code run} and answers where to go on from: a fresh one, or the progress of the last run,
   * which handed it on or has recorded nothing since {@code staleBefore} (a crash, a timeout). Each run's state is an
   * object of its own that only it writes, made by a conditional write: of two runs taking over at once, one does.
   * Nothing when another run holds it.
   */
  Optional<Assembly> claimAssembly(String exportId, String run, long now, long staleBefore) throws IOException {
    List<String> runs = assemblyRuns(exportId);
    Assembly next = new Assembly(run, 0, now, "", List.of(), 0, 0);
    if (!runs.isEmpty()) {
      Optional<Assembly> last = lastOf(exportId, runs);
      if (last.isEmpty() || last.get().claimedAt() >= staleBefore) {
        return Optional.empty();
      }
      next = last.get().takenBy(run, now);
    }
    String key = assemblyKey(exportId, next.generation());
    return files.putIfAbsent(key, Json.MAPPER.writeValueAsBytes(next)) ? Optional.of(next) : Optional.empty();
  }

  /** The progress the assembly's last run recorded, if a run has claimed it. */
  Optional<Assembly> lastAssembly(String exportId) throws IOException {
    List<String> runs = assemblyRuns(exportId);
    return runs.isEmpty() ? Optional.empty() : lastOf(exportId, runs);
  }

  /** The state of the latest of {@code runs} (not empty). */
  private Optional<Assembly> lastOf(String exportId, List<String> runs) throws IOException {
    return read(assemblyPrefix(exportId) + runs.get(runs.size() - 1), Assembly.class);
  }

  /** The names of the assembly runs' states, in the order of their generations. */
  private List<String> assemblyRuns(String exportId) throws IOException {
    return files.children(assemblyPrefix(exportId)).stream().filter(n -> RUN_STATE.matcher(n).matches()).toList();
  }

  /** Records the progress of the run that holds the assembly. */
  void putAssembly(String exportId, Assembly assembly) throws IOException {
    files.put(assemblyKey(exportId, assembly.generation()), Json.MAPPER.writeValueAsBytes(assembly));
  }

  /** Whether a later run took the assembly over from this one (which then stops). */
  boolean takenOver(String exportId, Assembly assembly) throws IOException {
    return files.get(assemblyKey(exportId, assembly.generation() + 1)).isPresent();
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

  private static String assemblyPrefix(String exportId) {
    return PREFIX + exportId + "/assembly/";
  }

  private static String assemblyKey(String exportId, int generation) {
    return String.format("%s%06d.json", assemblyPrefix(exportId), generation);
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
