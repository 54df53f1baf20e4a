package dev.todo.domain;

import java.util.List;

/**
 * One CSV record: the line it starts on and its fields; {@code oversized} when it ran past the reader's
 * length limit and its fields were cut; {@code badBytes} when it holds bytes that are not UTF-8 (as
 * {@link Utf8Reader} gives them), which the reader sees as it counts the record's bytes.
 */
public record CsvRecord(long line, List<String> fields, boolean oversized, boolean badBytes) {
}
