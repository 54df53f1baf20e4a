package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.todo.aws.StackLayout;
import dev.todo.domain.ImportId;
import dev.todo.domain.TodoEvent;
import dev.todo.usecase.ImportAnnouncements;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The import journal's stream (keys only) -> an {@code importCompleted} event for each import that has just ended.
 * A failure throws, and the stream delivers the batch again: an announcement already made is not made twice.
 */
public final class JournalStream implements RequestHandler<DynamodbEvent, Void> {

  private final ImportAnnouncements announcements;
  private final Consumer<String> log;

  public JournalStream() {
    this(Default.RUNTIME.importAnnouncements(), line -> System.out.println(line));
  }

  /** {@code log} takes the function's JSON log lines (Lambda: stdout). */
  public JournalStream(ImportAnnouncements announcements, Consumer<String> log) {
    this.announcements = announcements;
    this.log = log;
  }

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    List<ImportId> imports = event.getRecords().stream()
        .map(r -> new ImportId(r.getDynamodb().getKeys().get(StackLayout.JOURNAL_KEY).getS())).distinct().toList();
    JsonLog log = JsonLog.of(context, this.log);
    for (TodoEvent announced : announcements.changed(imports)) {
      log.info("import completed", Map.of("importId", announced.detail().get("importId"), "status", announced.detail().get("status")));
    }
    return null;
  }
}
