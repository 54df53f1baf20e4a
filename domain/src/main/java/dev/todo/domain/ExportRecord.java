package dev.todo.domain;

import java.util.Optional;

/**
 * An export as its caller sees it: what it takes ({@code filter}) and writes ({@code format}, to {@code key} in the
 * bucket), how far it is ({@code segmentsDone} of {@code segments} read, {@code rows} exported so far, the file's
 * {@code bytes} once assembled), and how it ended. Times are epoch milliseconds.
 */
public record ExportRecord(String exportId, ExportFilter filter, ExportFormat format, String key, ExportStatus status,
                           int segments, int segmentsDone, long rows, long bytes, long startedAt,
                           Optional<Long> finishedAt, Optional<String> reason) {
}
