package dev.todo.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an import file's rows are written: text with one delimiter between fields (a comma for CSV, a tab for TSV,
 * or any one character), with its own header row or a header given with the upload; or JSON Lines, one object per
 * line ({@link JsonLinesReader}). An upload says so in its object metadata ({@code format}: {@code csv}, {@code tsv}
 * or {@code jsonl}; {@code delimiter}: one character, or {@code tab};
 * {@code header}: the column names, comma-separated, each percent-encoded where it holds a comma, a percent sign or
 * a character outside printable ASCII); a plain upload is read by its extension ({@code .tsv}: tab, {@code .jsonl}
 * or {@code .ndjson}: JSON Lines, else comma).
 * {@code source} says where the choice came from, so an error can name the option that led to it.
 */
public record FileFormat(Kind kind, char delimiter, Optional<List<String>> header, String source) {

  /** Delimited text (CSV, TSV, another delimiter) or JSON Lines. */
  public enum Kind { DELIMITED, JSON_LINES }

  public static final String FORMAT = "format";
  public static final String DELIMITER = "delimiter";
  public static final String HEADER = "header";
  public static final FileFormat CSV = new FileFormat(Kind.DELIMITED, ',', Optional.empty(),
      "the default (no format or delimiter in the object's metadata, no .tsv extension)");

  public FileFormat {
    header = header.map(List::copyOf);
  }

  /** The format an object's metadata names, or else its key's extension gives. */
  public static FileFormat of(Map<String, String> metadata, String key) throws ImportFileException {
    return of(metadata, key, option -> "the object's metadata '" + option + "'");
  }

  /**
   * The same, for options given some other way: {@code named} says how an error names an option as the user gave it
   * ({@code --format} on the command line, {@code 'format'} in a request body).
   */
  public static FileFormat of(Map<String, String> metadata, String key, Function<String, String> named)
      throws ImportFileException {
    Map<String, String> meta = lowerCaseKeys(metadata);
    Kind kind = Kind.DELIMITED;
    char delimiter;
    String source;
    if (meta.containsKey(FORMAT)) {
      String format = meta.get(FORMAT).strip().toLowerCase(Locale.ROOT);
      delimiter = switch (format) {
        case "csv" -> ',';
        case "tsv" -> '\t';
        case "jsonl", "ndjson" -> '\n';
        default -> throw new ImportFileException(named.apply(FORMAT) + " is '" + meta.get(FORMAT)
            + "': use csv, tsv or jsonl");
      };
      kind = delimiter == '\n' ? Kind.JSON_LINES : Kind.DELIMITED;
      source = "the object's metadata format=" + format;
    } else {
      String name = key.toLowerCase(Locale.ROOT);
      for (String suffix : Compression.NAME_ENDINGS) {
        if (name.endsWith(suffix)) {
          name = name.substring(0, name.length() - suffix.length());
        }
      }
      String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
      kind = extension.equals(".jsonl") || extension.equals(".ndjson") ? Kind.JSON_LINES : Kind.DELIMITED;
      delimiter = kind == Kind.JSON_LINES ? '\n' : extension.equals(".tsv") ? '\t' : ',';
      source = kind == Kind.JSON_LINES || delimiter == '\t' ? "the extension " + extension : CSV.source;
    }
    if (kind == Kind.JSON_LINES) {
      for (String option : List.of(DELIMITER, HEADER)) {
        if (meta.containsKey(option)) {
          throw new ImportFileException(named.apply(option) + " applies to csv and tsv files, not to JSON"
              + " Lines (" + source + ")");
        }
      }
      return new FileFormat(kind, '\n', Optional.empty(), source);
    }
    if (meta.containsKey(DELIMITER)) {
      delimiter = delimiter(meta.get(DELIMITER));
      source = "the object's metadata delimiter=" + name(delimiter);
    }
    Optional<List<String>> header = meta.containsKey(HEADER) ? Optional.of(header(meta.get(HEADER))) : Optional.empty();
    return new FileFormat(kind, delimiter, header, source);
  }

  /** One character that can separate fields: not a quote, not a line break. */
  public static char delimiter(String given) throws ImportFileException {
    String d = given.equalsIgnoreCase("tab") || given.equals("\\t") ? "\t" : given;
    if (d.length() != 1 || d.equals("\"") || d.equals("\n") || d.equals("\r")) {
      throw new ImportFileException("the delimiter '" + given + "' must be one character other than a quote or a line break"
          + " (tab may be written as 'tab')");
    }
    return d.charAt(0);
  }

  /** The column names of a {@code header} option: comma-separated, each percent-decoded. */
  public static List<String> header(String given) throws ImportFileException {
    List<String> names = new ArrayList<>();
    for (String part : given.split(",", -1)) {
      try {
        names.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8).strip());
      } catch (IllegalArgumentException e) {
        throw new ImportFileException("the header option '" + ShortText.of(given) + "' has a malformed percent-escape");
      }
    }
    return names;
  }

  /** The options as {@link #of} reads them, from the ones given (each null when not given). */
  public static Map<String, String> options(String format, String delimiter, List<String> header) {
    Map<String, String> options = new java.util.LinkedHashMap<>();
    if (format != null) {
      options.put(FORMAT, format);
    }
    if (delimiter != null) {
      options.put(DELIMITER, delimiter);
    }
    if (header != null) {
      options.put(HEADER, headerOption(header));
    }
    return options;
  }

  /** The header option's value for these column names (the inverse of {@link #header(String)}). */
  public static String headerOption(List<String> names) {
    StringBuilder value = new StringBuilder();
    for (String n : names) {
      if (value.length() > 0) {
        value.append(',');
      }
      for (byte b : n.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if (c > 0x20 && c < 0x7f && c != ',' && c != '%' && c != '+') {
          value.append((char) c);
        } else {
          value.append('%').append(String.format("%02X", c));
        }
      }
    }
    return value.toString();
  }

  /** How an error names this format: its delimiter, its header, and where they came from. */
  public String describe() {
    if (kind == Kind.JSON_LINES) {
      return "read as JSON Lines, from " + source;
    }
    return "read as " + (delimiter == ',' ? "CSV" : delimiter == '\t' ? "TSV" : "text delimited by " + name(delimiter))
        + header.map(h -> " with the header given in the object's metadata 'header'").orElse("") + ", from " + source;
  }

  private static String name(char delimiter) {
    return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
  }

  private static Map<String, String> lowerCaseKeys(Map<String, String> metadata) {
    Map<String, String> lower = new java.util.HashMap<>();
    metadata.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }
}
