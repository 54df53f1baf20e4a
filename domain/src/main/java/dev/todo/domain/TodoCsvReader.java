package dev.todo.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Reads an import file (UTF-8 text, already decompressed) row by row: the header first, then one
 * {@link RowOutcome} per data row, never holding more than one record in memory.
 */
public final class TodoCsvReader implements RowReader {

  private final CsvRecordReader records;
  private final CsvHeader header;
  private final TodoRowMapper mapper;
  private boolean ended;

  private TodoCsvReader(CsvRecordReader records, CsvHeader header, ImportId importId, long importTime) {
    this.records = records;
    this.header = header;
    this.mapper = new TodoRowMapper(header, importId, importTime);
  }

  /** Opens a comma-separated file with its header row at its start. */
  public static TodoCsvReader open(InputStream in, ImportId importId, long importTime) throws IOException, ImportFileException {
    return open(in, FileFormat.CSV, importId, importTime);
  }

  /**
   * Opens a file at its start: reads its header row, or, where the format gives the header, starts at its first row.
   * A file that cannot be read this way fails with a reason that names the format and where it came from.
   */
  public static TodoCsvReader open(InputStream in, FileFormat format, ImportId importId, long importTime)
      throws IOException, ImportFileException {
    CsvRecordReader records = new CsvRecordReader(new Utf8Reader(in), format.delimiter(), 1, 0);
    try {
      return new TodoCsvReader(records, header(records, format), importId, importTime);
    } catch (ImportFileException e) {
      throw format.equals(FileFormat.CSV) ? e : new ImportFileException(e.getMessage() + " (" + format.describe() + ")");
    }
  }

  private static CsvHeader header(CsvRecordReader records, FileFormat format) throws IOException, ImportFileException {
    if (format.header().isPresent()) {
      return CsvHeader.parse(format.header().get());
    }
    Optional<CsvRecord> headerRecord;
    try {
      headerRecord = records.next();
    } catch (MalformedCsvException e) {
      throw new ImportFileException("the header row cannot be read: " + e.getMessage());
    }
    if (headerRecord.isEmpty()) {
      throw new ImportFileException("the file is empty: a header row with a 'name' column is required");
    }
    if (headerRecord.get().oversized()) {
      throw new ImportFileException("the header row is longer than " + CsvRecordReader.MAX_RECORD_CHARS
          + " characters: is this a delimited file with a header row?");
    }
    if (headerRecord.get().badBytes()) {
      int badByte = headerRecord.get().fields().stream().map(Utf8Reader::firstBadByte)
          .filter(java.util.OptionalInt::isPresent).findFirst().orElseThrow().getAsInt();
      throw new ImportFileException(String.format("the header row is not valid UTF-8 (byte 0x%02X): save the file as UTF-8",
          badByte));
    }
    return CsvHeader.parse(headerRecord.get().fields());
  }

  /** Continues a file from a record boundary; {@code in} must start at {@code from.byteOffset()}. */
  public static TodoCsvReader resume(InputStream in, char delimiter, CsvHeader header, ReadPosition from, ImportId importId,
      long importTime) {
    return new TodoCsvReader(new CsvRecordReader(new Utf8Reader(in), delimiter, from.line(), from.byteOffset()), header, importId,
        importTime);
  }

  public CsvHeader header() {
    return header;
  }

  @Override
  public List<String> continuationHeader() {
    return header.columns();
  }

  @Override
  public List<String> reportColumns() {
    return header.fileColumns();
  }

  /** Where the next record starts. */
  @Override
  public ReadPosition position() {
    return new ReadPosition(records.line(), records.byteOffset());
  }

  /** The next data row's outcome, or empty at the end of the file. */
  @Override
  public Optional<RowOutcome> next() throws IOException, ImportFileException {
    while (!ended) {
      Optional<CsvRecord> record;
      try {
        record = records.next();
      } catch (MalformedCsvException e) {
        ended = true; // the open quote swallowed the rest of the file
        return Optional.of(new RowOutcome.Rejected(e.line(), "", e.getMessage()));
      }
      if (record.isEmpty()) {
        ended = true;
      } else if (!isBlank(record.get()) && !isReportNote(record.get())) {
        return Optional.of(mapper.map(record.get()));
      }
    }
    return Optional.empty();
  }

  /** In a report uploaded again, a row without a line number is the report's note on rows it left out. */
  private boolean isReportNote(CsvRecord record) {
    return header.isReport() && record.fields().get(0).isBlank();
  }

  private static boolean isBlank(CsvRecord record) {
    for (String field : record.fields()) {
      if (!field.isBlank()) {
        return false;
      }
    }
    return true;
  }
}
