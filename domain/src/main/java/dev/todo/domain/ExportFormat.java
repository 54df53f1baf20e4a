package dev.todo.domain;

import java.util.Locale;

/** What an export writes: CSV, TSV or JSON Lines, each in the shape an import reads back. */
public enum ExportFormat {
  CSV(',', ".csv"), TSV('\t', ".tsv"), JSONL('\n', ".jsonl");

  private final char delimiter;
  private final String extension;

  ExportFormat(char delimiter, String extension) {
    this.delimiter = delimiter;
    this.extension = extension;
  }

  /** The format named {@code csv}, {@code tsv} or {@code jsonl} (any case); the message of a failure lists them. */
  public static ExportFormat named(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "tsv" -> TSV;
      case "jsonl", "ndjson" -> JSONL;
      default -> throw new IllegalArgumentException("'" + name + "' is not an export format: use csv, tsv or jsonl");
    };
  }

  /** The delimiter between fields (a delimited format's). */
  public char delimiter() {
    return delimiter;
  }

  /** The extension the export's file gets, which is also how an import of it tells the format. */
  public String extension() {
    return extension;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
