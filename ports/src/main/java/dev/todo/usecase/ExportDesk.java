package dev.todo.usecase;

import dev.todo.domain.ExportFilter;
import dev.todo.domain.ExportFormat;
import dev.todo.domain.ExportRecord;
import dev.todo.domain.ExportStatus;
import dev.todo.domain.TodoRules;
import dev.todo.ports.ExportFiles;
import dev.todo.ports.ExportTasks;
import dev.todo.ports.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the REST API and the command line offer about exports: start one (its segments handed to the workers), an
 * export's record with its counters, the list of exports, and a link to download a finished one's file.
 */
public final class ExportDesk {

  /** The most exports one listing gives. */
  public static final int MAX_LISTED = 100;
  /** How long a download link works. */
  public static final Duration LINK_VALIDITY = Duration.ofHours(1);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{8}");

  private final ExportWork work;
  private final ExportFiles files;
  private final ExportTasks tasks;
  private final Clock clock;
  private final ExportSettings settings;

  public ExportDesk(ExportFiles files, ExportTasks tasks, Clock clock, ExportSettings settings) {
    this.work = new ExportWork(files);
    this.files = files;
    this.tasks = tasks;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Starts an export of the todos that match what is given ({@code completed}, the import that wrote them) in
   * {@code format} ({@code csv} when none is given), or says what is wrong with the request.
   */
  public Result<ExportRecord> start(Optional<String> format, Optional<Boolean> completed, Optional<String> importId) {
    ExportFormat chosen;
    try {
      chosen = format.map(ExportFormat::named).orElse(ExportFormat.CSV);
    } catch (IllegalArgumentException e) {
      return new Result.Invalid<>("format is '" + format.get() + "': use csv, tsv or jsonl");
    }
    if (importId.isPresent() && (importId.get().isBlank() || importId.get().length() > TodoRules.MAX_ID_LENGTH)) {
      return new Result.Invalid<>("importId must be a non-blank string of at most " + TodoRules.MAX_ID_LENGTH + " characters");
    }
    return new Result.Ok<>(start(new ExportFilter(completed, importId), chosen));
  }

  /** Starts an export: its id sorts by its start time, so the newest is listed first. */
  public ExportRecord start(ExportFilter filter, ExportFormat format) {
    try {
      return begin(filter, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ExportRecord begin(ExportFilter filter, ExportFormat format) throws IOException {
    long now = clock.millis();
    String id = ID_TIME.format(Instant.ofEpochMilli(now)) + "-" + UUID.randomUUID().toString().substring(0, 8);
    ExportWork.Request request = new ExportWork.Request(id, filter, format, settings.segments(), now);
    work.putRequest(request);
    for (int s = 0; s < request.segments(); s++) {
      tasks.send(new ExportTasks.ExportTask(id, s));
    }
    return record(request);
  }

  public Result<ExportRecord> find(String exportId) {
    if (!ID.matcher(exportId).matches()) {
      return new Result.Invalid<>("'" + exportId + "' is not an export id (they look like 20261207T053000Z-1a2b3c4d)");
    }
    try {
      Optional<ExportWork.Request> request = work.request(exportId);
      return request.isEmpty() ? new Result.NotFound<>("export", exportId) : new Result.Ok<>(record(request.get()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The most recent exports, newest first: {@code limit} of them (10 unless given, 1 to 100), or why it is not valid. */
  public Result<Page<ExportRecord>> list(Optional<String> limit) {
    return Paging.page(limit, Optional.empty(), (size, none) -> new Page<>(list(size), Optional.empty()));
  }

  /** The most recent {@code limit} exports (1 to {@link #MAX_LISTED}), newest first. */
  public List<ExportRecord> list(int limit) {
    try {
      List<String> ids = new ArrayList<>(files.children(ExportWork.PREFIX));
      Collections.reverse(ids);
      List<ExportRecord> records = new ArrayList<>();
      for (String id : ids.subList(0, Math.min(Math.max(1, Math.min(limit, MAX_LISTED)), ids.size()))) {
        Optional<ExportWork.Request> request = work.request(id);
        if (request.isPresent()) {
          records.add(record(request.get()));
        }
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A link to download a completed export's file. */
  public Optional<URI> downloadLink(ExportRecord record) {
    return record.status() == ExportStatus.COMPLETED ? Optional.of(files.downloadLink(record.key(), LINK_VALIDITY))
        : Optional.empty();
  }

  private ExportRecord record(ExportWork.Request request) throws IOException {
    Optional<ExportWork.Result> result = work.result(request.exportId());
    if (result.isPresent()) {
      ExportWork.Result r = result.get();
      return new ExportRecord(request.exportId(), request.filter(), request.exportFormat(), request.key(), r.status(),
          request.segments(), r.status() == ExportStatus.COMPLETED ? request.segments() : 0, r.rows(), r.bytes(),
          request.startedAt(), Optional.of(r.finishedAt()), Optional.of(r.reason()).filter(s -> !s.isEmpty()));
    }
    long rows = 0;
    int done = 0;
    for (ExportWork.Segment segment : work.segments(request)) {
      rows += segment.rows();
      done += segment.done() ? 1 : 0;
    }
    return new ExportRecord(request.exportId(), request.filter(), request.exportFormat(), request.key(),
        ExportStatus.RUNNING, request.segments(), done, rows, 0, request.startedAt(), Optional.empty(), Optional.empty());
  }
}
