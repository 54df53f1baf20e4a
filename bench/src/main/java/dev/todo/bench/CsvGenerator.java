package dev.todo.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Writes a deterministic import CSV: realistic names, some quoted fields, a few extra columns. */
public final class CsvGenerator {

  private static final String[] VERBS = {"Buy", "Call", "Write", "Review", "Fix", "Plan", "Book", "Clean", "Send", "Read"};
  private static final String[] THINGS = {"milk", "the plumber", "quarterly report", "pull request #", "the gutter",
      "team offsite", "dentist appointment", "the garage", "invoice #", "\"Clean Code\", chapter "};
  private static final String[] PROJECTS = {"home", "work", "admin", "health", "learning"};

  private CsvGenerator() {
  }

  /** Writes the file {@code csv} (see {@link #write(OutputStream, long, long)}) and returns it. */
  public static Path writeFile(Path csv, long rows, long seed) throws IOException {
    try (OutputStream out = Files.newOutputStream(csv)) {
      write(out, rows, seed);
    }
    return csv;
  }

  /** One generated row's values. */
  private record Row(String name, boolean completed, long createdAt, String project, int priority) {

    static Row next(SplittableRandom random) {
      String name = VERBS[random.nextInt(VERBS.length)] + " " + THINGS[random.nextInt(THINGS.length)] + random.nextInt(10_000);
      return new Row(name, random.nextBoolean(), 1_700_000_000_000L + random.nextLong(100_000_000_000L),
          PROJECTS[random.nextInt(PROJECTS.length)], random.nextInt(5));
    }
  }

  /** Writes {@code rows} data rows after the header; the same seed and count always give the same bytes. */
  public static void write(OutputStream out, long rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write("name,completed,createdAt,project,priority\n");
    for (long i = 0; i < rows; i++) {
      Row row = Row.next(random);
      if (row.name().indexOf('"') >= 0 || row.name().indexOf(',') >= 0) {
        w.write('"');
        w.write(row.name().replace("\"", "\"\""));
        w.write('"');
      } else {
        w.write(row.name());
      }
      w.write(row.completed() ? ",true," : ",false,");
      w.write(Long.toString(row.createdAt()));
      w.write(',');
      w.write(row.project());
      w.write(',');
      w.write(Integer.toString(row.priority()));
      w.write('\n');
    }
    w.flush();
  }

  /** The same rows as {@link #write} (same seed, same values) as JSON Lines; {@code priority} stays a string. */
  public static void writeJsonLines(OutputStream out, long rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    for (long i = 0; i < rows; i++) {
      Row row = Row.next(random);
      w.write("{\"name\":\"");
      w.write(row.name().replace("\\", "\\\\").replace("\"", "\\\""));
      w.write(row.completed() ? "\",\"completed\":true,\"createdAt\":" : "\",\"completed\":false,\"createdAt\":");
      w.write(Long.toString(row.createdAt()));
      w.write(",\"project\":\"");
      w.write(row.project());
      w.write("\",\"priority\":\"");
      w.write(Integer.toString(row.priority()));
      w.write("\"}\n");
    }
    w.flush();
  }
}
