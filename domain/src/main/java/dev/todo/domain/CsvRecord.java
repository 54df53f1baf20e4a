package dev.todo.domain;

import java.util.List;

/**
 * One CSV record: the line it starts on and its fields; {@code oversized} when it ran past the reader's
 * length limit and its fields were cut.
 */
public record CsvRecord(long line, List<String> fields, boolean oversized) {
}
