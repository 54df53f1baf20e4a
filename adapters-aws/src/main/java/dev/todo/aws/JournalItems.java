package dev.todo.aws;

import dev.todo.domain.ImportId;
import dev.todo.domain.ImportProgress;
import dev.todo.domain.ImportRecord;
import dev.todo.domain.ObjectRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How the journal stores an import's record as an item, and the attribute values its adapters write. */
final class JournalItems {

  private JournalItems() {
  }

  static Map<String, AttributeValue> key(ImportId id) {
    return Map.of(StackLayout.JOURNAL_KEY, s(id.value()), StackLayout.JOURNAL_SORT_KEY, s(DynamoDbImportJournal.RECORD));
  }

  static Map<String, AttributeValue> toItem(ImportRecord r) {
    Map<String, AttributeValue> item = new HashMap<>(key(r.importId()));
    item.put(StackLayout.JOURNAL_KIND, s(DynamoDbImportJournal.RECORD));
    item.put("bucket", s(r.source().bucket()));
    item.put(StackLayout.JOURNAL_OBJECT_KEY, s(r.source().key()));
    r.source().versionId().ifPresent(v -> item.put("versionId", s(v)));
    r.source().eTag().ifPresent(e -> item.put("eTag", s(e)));
    item.put(StackLayout.JOURNAL_STARTED_AT, n(r.startedAt()));
    item.put("rowsRead", n(r.progress().rowsRead()));
    item.put("rowsQueued", n(r.progress().rowsQueued()));
    item.put("rowsRejected", n(r.progress().rowsRejected()));
    r.producerFinishedAt().ifPresent(v -> item.put("producerFinishedAt", n(v)));
    r.errorReport().ifPresent(v -> item.put("errorReport", s(v)));
    r.failure().ifPresent(v -> item.put("failure", s(v)));
    r.failedAt().ifPresent(v -> item.put("failedAt", n(v)));
    return item;
  }

  static ImportRecord fromItem(Map<String, AttributeValue> item) {
    ObjectRef source = new ObjectRef(item.get("bucket").s(), item.get(StackLayout.JOURNAL_OBJECT_KEY).s(), text(item, "versionId"),
        text(item, "eTag"));
    return new ImportRecord(new ImportId(item.get(StackLayout.JOURNAL_KEY).s()), source, number(item, StackLayout.JOURNAL_STARTED_AT).orElse(0L),
        new ImportProgress(number(item, "rowsRead").orElse(0L), number(item, "rowsQueued").orElse(0L),
            number(item, "rowsRejected").orElse(0L)),
        0, 0, number(item, "producerFinishedAt"), Optional.empty(),
        text(item, "errorReport"), text(item, "failure"), number(item, "failedAt"));
  }

  static Optional<String> text(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
  }

  static Optional<Long> number(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Long::parseLong);
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
