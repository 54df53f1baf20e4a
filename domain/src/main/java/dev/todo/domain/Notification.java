package dev.todo.domain;

import java.util.Map;
import java.util.Optional;

/**
 * A message for people about an event: a subject a mail client shows in full (at most {@value #MAX_SUBJECT}
 * printable ASCII characters, as SNS requires) and a short body.
 */
public record Notification(String subject, String message) {

  public static final int MAX_SUBJECT = 100;

  /** The events people may be told of: what the bus's notification rule matches. */
  public static final java.util.Set<TodoEvent.Type> TOLD = java.util.Set.of(TodoEvent.Type.TODO_COMPLETED, TodoEvent.Type.IMPORT_COMPLETED);

  public Notification {
    subject = subjectLine(subject);
  }

  /**
   * The message for an event, if people are told of it: a todo completed by a person (an import's rows are told in
   * one message when the import ends, never one by one), and every import that reached a final state.
   */
  public static Optional<Notification> of(TodoEvent event) {
    Map<String, Object> d = event.detail();
    return switch (event.type()) {
      case TODO_COMPLETED -> d.containsKey(Todo.IMPORT_ID) ? Optional.empty() : Optional.of(new Notification(
          "Todo \"" + d.get("name") + "\" completed",
          "A todo was marked as completed.\n\ntodoId: " + d.get("todoId") + "\nname: " + d.get("name")));
      case IMPORT_COMPLETED -> Optional.of(new Notification(
          "Import of " + fileName(String.valueOf(d.get("key"))) + ": " + d.get("status"),
          "The import of s3://" + d.get("bucket") + "/" + d.get("key") + " ended " + d.get("status") + ".\n\n"
              + "rows read:          " + d.get("rowsRead") + "\n"
              + "rows written:       " + d.get("rowsWritten") + "\n"
              + "rows rejected:      " + d.get("rowsRejected") + "\n"
              + "rows dead-lettered: " + d.get("rowsFailed") + "\n"
              + (d.containsKey("failure") ? "failure:            " + d.get("failure") + "\n" : "")
              + (d.containsKey("errorReport") ? "error report:       " + d.get("errorReport") + "\n" : "")
              + "importId:           " + d.get("importId") + "\n"));
      case TODO_CREATED, TODO_DELETED -> Optional.empty();
    };
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /** Printable ASCII only (others become '?'), cut to the limit with an ellipsis of three dots. */
  private static String subjectLine(String text) {
    StringBuilder line = new StringBuilder(text.length());
    text.codePoints().forEach(c -> line.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return line.length() <= MAX_SUBJECT ? line.toString() : line.substring(0, MAX_SUBJECT - 3) + "...";
  }
}
