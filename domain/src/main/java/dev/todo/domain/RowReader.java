package dev.todo.domain;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** An import file read row by row, whatever its format, with the position a continuation resumes from. */
public interface RowReader {

  /** Where the next row starts. */
  ReadPosition position();

  /** The next row's outcome, or empty at the end of the file. */
  Optional<RowOutcome> next() throws IOException, ImportFileException;

  /** The header a continuation needs to read on (a delimited file's columns; none for JSON Lines). */
  List<String> continuationHeader();

  /** The columns the error report gives each rejected row's values under, after its own line, column and reason. */
  List<String> reportColumns();
}
