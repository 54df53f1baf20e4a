package dev.todo.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a CSV record into an accepted {@link TodoRow} or a rejection that says which column is wrong and why. */
public final class TodoRowMapper {

  private final CsvHeader header;
  private final ImportId importId;
  private final long importTime;

  /** {@code importTime} (epoch ms) is the default for {@code createdAt} and {@code updatedAt}. */
  public TodoRowMapper(CsvHeader header, ImportId importId, long importTime) {
    this.header = header;
    this.importId = importId;
    this.importTime = importTime;
  }

  public RowOutcome map(CsvRecord record) {
    long line = record.line();
    if (record.oversized()) {
      return new RowOutcome.Rejected(line, "", "row is longer than " + CsvRecordReader.MAX_RECORD_CHARS + " characters");
    }
    List<String> fields = record.fields();
    if (record.badBytes()) { // the reader saw them: only then are the fields searched for the column
      for (int i = 0; i < fields.size(); i++) {
        java.util.OptionalInt badByte = Utf8Reader.firstBadByte(fields.get(i));
        if (badByte.isPresent()) {
          return new RowOutcome.Rejected(line, fields.size() == header.size() ? header.columns().get(i) : "",
              Utf8Reader.badBytesReason(badByte.getAsInt()), header.fileValues(fields.stream().map(Utf8Reader::shown).toList()));
        }
      }
    }
    if (fields.size() != header.size()) {
      return new RowOutcome.Rejected(line, "", "expected " + header.size() + " fields as in the header, found " + fields.size(), header.fileValues(fields));
    }
    String name = field(fields, CsvHeader.NAME).orElse("");
    Optional<String> nameProblem = TodoRules.nameProblem(name);
    if (nameProblem.isPresent()) {
      return new RowOutcome.Rejected(line, CsvHeader.NAME, nameProblem.get(), header.fileValues(fields));
    }
    Optional<String> givenId = field(fields, CsvHeader.TODO_ID).map(String::strip).filter(s -> !s.isEmpty());
    if (givenId.isPresent() && TodoRules.idProblem(givenId.get()).isPresent()) {
      return new RowOutcome.Rejected(line, CsvHeader.TODO_ID, TodoRules.idProblem(givenId.get()).get(), header.fileValues(fields));
    }
    Optional<String> completedText = nonBlank(fields, CsvHeader.COMPLETED);
    Optional<Boolean> completed = completedText.isEmpty() ? Optional.of(false) : TodoRules.parseCompleted(completedText.get());
    if (completed.isEmpty()) {
      return new RowOutcome.Rejected(line, CsvHeader.COMPLETED,
          "'" + completedText.get() + "' is not a boolean (use true/false, yes/no or 1/0)", header.fileValues(fields));
    }
    long[] times = new long[2];
    String[] timeColumns = {CsvHeader.CREATED_AT, CsvHeader.UPDATED_AT};
    for (int i = 0; i < 2; i++) {
      Optional<String> text = nonBlank(fields, timeColumns[i]);
      Optional<Long> parsed = text.isEmpty() ? Optional.of(importTime) : TodoRules.parseTimestamp(text.get());
      if (parsed.isEmpty()) {
        return new RowOutcome.Rejected(line, timeColumns[i],
            "'" + text.get() + "' is not an ISO-8601 instant or epoch milliseconds", header.fileValues(fields));
      }
      times[i] = parsed.get();
    }
    boolean upsert = givenId.isPresent();
    String todoId = givenId.orElseGet(() -> importId.todoIdForLine(line));
    Todo todo = new Todo(todoId, name, completed.get(), times[0], times[1], extras(fields, upsert));
    Optional<String> problem = TodoRules.todoProblem(todo);
    if (problem.isPresent()) {
      return new RowOutcome.Rejected(line, "", problem.get(), header.fileValues(fields));
    }
    if (!upsert) {
      return new RowOutcome.Accepted(new TodoRow(line, todo));
    }
    Set<String> unstated = new HashSet<>();
    if (completedText.isEmpty()) {
      unstated.add(CsvHeader.COMPLETED);
    }
    if (nonBlank(fields, CsvHeader.CREATED_AT).isEmpty()) {
      unstated.add(CsvHeader.CREATED_AT);
    }
    return new RowOutcome.Accepted(new TodoRow(line, todo, true, unstated));
  }

  /** The extra attributes; an upsert leaves out blank ones, so the stored todo keeps its value. */
  private Map<String, String> extras(List<String> fields, boolean upsert) {
    Map<String, String> extras = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      if (header.isExtra(i) && !(upsert && fields.get(i).isBlank())) {
        extras.put(header.columns().get(i), fields.get(i));
      }
    }
    return extras;
  }

  private Optional<String> field(List<String> fields, String column) {
    int index = header.indexOf(column);
    return index < 0 ? Optional.empty() : Optional.of(fields.get(index));
  }

  private Optional<String> nonBlank(List<String> fields, String column) {
    return field(fields, column).filter(s -> !s.isBlank());
  }
}
