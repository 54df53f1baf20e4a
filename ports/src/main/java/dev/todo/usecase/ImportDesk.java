package dev.todo.usecase;

import dev.todo.domain.FileFormat;
import dev.todo.domain.ImportFileException;
import dev.todo.domain.ImportId;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.TodoRules;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.Page;
import dev.todo.ports.UploadLinks;
import java.util.Map;
import java.util.Optional;

/** What the REST API offers about imports: an import's record, the list of imports, and a link to upload a file. */
public final class ImportDesk {

  /**
   * The longest file name an upload may have: with its prefix {@code import/<uuid>/} the key stays within S3's 1,024
   * bytes, and so does its error report's, whatever the characters.
   */
  public static final int MAX_FILE_NAME = 200;

  /** The name an upload gets when the request names none. */
  public static final String DEFAULT_FILE_NAME = "upload.csv";

  private static final int MAX_KEY_LENGTH = 1024;

  private final ImportJournal journal;
  private final UploadLinks links;

  public ImportDesk(ImportJournal journal, UploadLinks links) {
    this.journal = journal;
    this.links = links;
  }

  public Result<ImportRecord> find(String importId) {
    if (importId.length() > TodoRules.MAX_ID_LENGTH) {
      return new Result.Invalid<>("an import id is at most " + TodoRules.MAX_ID_LENGTH + " characters long, this one "
          + importId.length());
    }
    return journal.find(new ImportId(importId)).<Result<ImportRecord>>map(Result.Ok::new)
        .orElseGet(() -> new Result.NotFound<>("import", importId));
  }

  /**
   * Imports, the most recent first, only those of one object key if {@code key} is given (a bare file name,
   * {@code todos.csv}, means the key an upload of it gets, {@code import/todos.csv}); paged like todos.
   */
  public Result<Page<ImportRecord>> list(Optional<String> limit, Optional<String> token, Optional<String> key) {
    Optional<String> objectKey = key.filter(k -> !k.isBlank()).map(k -> k.contains("/") ? k : ObjectRef.IMPORT_PREFIX + k);
    if (objectKey.isPresent() && objectKey.get().length() > MAX_KEY_LENGTH) {
      return new Result.Invalid<>("key is at most " + MAX_KEY_LENGTH + " characters long (an S3 key's limit in bytes)");
    }
    return Paging.page(limit, token, (size, after) -> journal.list(size, objectKey, after));
  }

  public Result<UploadLinks.UploadLink> requestUpload(Optional<String> fileName) {
    return requestUpload(fileName, Map.of());
  }

  /**
   * An upload link for a file in the format {@code options} name ({@link FileFormat}: {@code format},
   * {@code delimiter}, {@code header}), checked now so that a bad option is a 400 instead of a failed import.
   */
  public Result<UploadLinks.UploadLink> requestUpload(Optional<String> fileName, Map<String, String> options) {
    String name = fileName.orElse(DEFAULT_FILE_NAME);
    if (name.isBlank()) {
      return new Result.Invalid<>("fileName must be a non-blank string");
    }
    if (name.length() > MAX_FILE_NAME) {
      return new Result.Invalid<>("fileName is at most " + MAX_FILE_NAME + " characters long, this one " + name.length());
    }
    try {
      FileFormat.of(options, name, option -> "'" + option + "'");
    } catch (ImportFileException e) {
      return new Result.Invalid<>(e.getMessage());
    }
    return new Result.Ok<>(links.create(name, options));
  }
}
