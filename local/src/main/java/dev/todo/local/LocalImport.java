package dev.todo.local;

import dev.todo.domain.CsvRecord;
import dev.todo.domain.CsvRecordReader;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ImportStatus;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.Todo;
import dev.todo.inmemory.InMemoryContinuations;
import dev.todo.inmemory.InMemoryImportJournal;
import dev.todo.inmemory.InMemoryObjectSource;
import dev.todo.inmemory.InMemoryRowQueue;
import dev.todo.inmemory.InMemoryTodoRepository;
import dev.todo.ports.Deadline;
import dev.todo.ports.QueueMessage;
import dev.todo.usecase.ImportOutcome;
import dev.todo.usecase.ImportService;
import dev.todo.usecase.ImportSettings;
import dev.todo.usecase.RowWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Imports a CSV file through the real use cases wired to in-memory adapters (the composition root of
 * this runtime) and prints the import's summary: counters, status, every rejected row and the todos.
 */
public final class LocalImport {

  static final String BUCKET = "local-imports";

  private final InMemoryObjectSource objects = new InMemoryObjectSource();
  private final InMemoryRowQueue queue = new InMemoryRowQueue();
  private final InMemoryImportJournal journal = new InMemoryImportJournal();
  private final InMemoryTodoRepository todos = new InMemoryTodoRepository();
  private final ImportService importer;
  private final RowWriter writer;

  LocalImport(Clock clock) {
    importer = new ImportService(objects, queue, journal, new InMemoryContinuations(), clock, ImportSettings.DEFAULTS);
    writer = new RowWriter(todos, journal, clock, Optional.empty());
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -jar todo-local.jar FILE.csv[.gz]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    if (!Files.isRegularFile(file)) {
      System.err.println("no such file: " + file);
      System.exit(2);
    }
    ImportRecord record = new LocalImport(Clock.systemUTC()).run(file, System.out);
    System.exit(record.status() == ImportStatus.FAILED ? 1 : 0);
  }

  /** Uploads the file under import/, runs the producer, drains the queue into the table, prints the summary. */
  ImportRecord run(Path file, PrintStream out) throws IOException {
    ObjectRef ref = objects.put(BUCKET, ObjectRef.IMPORT_PREFIX + file.getFileName(), Files.readAllBytes(file));
    ImportOutcome outcome = importer.start(ref, Deadline.NONE);
    List<QueueMessage> messages = queue.drain();
    for (int i = 0; i < messages.size(); i += 10) {
      List<String> failed = writer.write(messages.subList(i, Math.min(messages.size(), i + 10)));
      if (!failed.isEmpty()) {
        throw new IllegalStateException("messages could not be written: " + failed);
      }
    }
    ImportRecord record = journal.find(recordOf(outcome).importId()).orElseThrow();
    print(file, ref, record, messages.size(), out);
    return record;
  }

  private void print(Path file, ObjectRef ref, ImportRecord record, int messages, PrintStream out) throws IOException {
    out.printf("Import of %s (%s)%n", file, ref);
    out.printf("  import id      %s%n", record.importId());
    out.printf("  status         %s%n", record.status());
    record.failure().ifPresent(reason -> out.printf("  failure        %s%n", reason));
    out.printf("  rows read      %d%n", record.progress().rowsRead());
    out.printf("  accepted       %d (queued in %d message%s, %d written)%n", record.progress().rowsQueued(), messages,
        messages == 1 ? "" : "s", record.rowsWritten());
    out.printf("  rejected       %d%n", record.progress().rowsRejected());
    Optional<String> report = objects.readErrorReport(ref);
    if (report.isPresent()) {
      CsvRecordReader rows = new CsvRecordReader(new StringReader(report.get()));
      rows.next(); // the report's header
      Optional<CsvRecord> row;
      while ((row = rows.next()).isPresent()) {
        List<String> f = row.get().fields();
        out.printf("    line %-5s %-10s %s%n", f.get(0), f.get(1).isEmpty() ? "(row)" : f.get(1), f.get(2));
      }
      out.printf("  error report   %s%n", record.errorReport().orElse("-"));
    }
    out.printf("Todos in the table: %d%n", todos.size());
    for (Todo t : todos.all()) {
      out.printf("  %-36s  %-5s  %s%s%n", t.todoId(), t.completed() ? "done" : "open", t.name().replace("\n", " "),
          t.attributes().isEmpty() ? "" : "  " + t.attributes());
    }
  }

  private static ImportRecord recordOf(ImportOutcome outcome) {
    if (outcome instanceof ImportOutcome.Queued q) {
      return q.record();
    }
    if (outcome instanceof ImportOutcome.Failed f) {
      return f.record();
    }
    if (outcome instanceof ImportOutcome.AlreadyImported a) {
      return a.record();
    }
    throw new IllegalStateException("a run without a deadline does not pause: " + outcome);
  }
}
