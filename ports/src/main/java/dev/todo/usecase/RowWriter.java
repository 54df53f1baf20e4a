package dev.todo.usecase;

import dev.todo.domain.ImportId;
import dev.todo.domain.MalformedMessageException;
import dev.todo.domain.RowMessage;
import dev.todo.domain.RowMessageCodec;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoPatch;
import dev.todo.domain.TodoRow;
import dev.todo.ports.Deadline;
import dev.todo.ports.ImportJournal;
import dev.todo.ports.QueueMessage;
import dev.todo.ports.TodoRepository;
import dev.todo.ports.WriteResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Writes a batch of row messages to the repository and counts each message's rows once in the journal.
 * Says which messages could not be written (unreadable, or some row not stored), so the caller can hand exactly
 * those back to the queue for another try, and what each import of the batch got written.
 */
public final class RowWriter {

  private static final Logger LOG = Logger.getLogger(RowWriter.class.getName());
  /** Unpaced, conditional puts and upserts (one call each) go in slices this big, so a long batch stops at its deadline. */
  static final int SINGLE_WRITES_PER_SLICE = 500;

  private final TodoRepository repository;
  private final ImportJournal journal;
  private final Clock clock;
  private final Optional<WriteRateLimiter> limiter;
  private final int maxReceiveCount;

  /**
   * {@code maxReceiveCount} is the queue's: a message that fails on that receive goes to the dead-letter queue, so
   * its rows are recorded as failed in the journal (until a redrive writes them).
   */
  public RowWriter(TodoRepository repository, ImportJournal journal, Clock clock, Optional<WriteRateLimiter> limiter,
      int maxReceiveCount) {
    this.repository = repository;
    this.journal = journal;
    this.clock = clock;
    this.limiter = limiter;
    this.maxReceiveCount = maxReceiveCount;
  }

  /** Writes a batch from a standard queue: only the messages that could not be written are returned. */
  public BatchOutcome write(List<QueueMessage> messages) {
    return write(messages, false, Deadline.NONE);
  }

  /**
   * As {@link #write(List)}, stopping at {@code deadline}: a paced writer starts no slice after it, and the messages
   * whose rows it has not written go back to the queue, rather than the whole batch when Lambda stops it at its timeout.
   */
  public BatchOutcome write(List<QueueMessage> messages, Deadline deadline) {
    return write(messages, false, deadline);
  }

  /**
   * Writes a batch from a FIFO queue, where a later row must never land before an earlier one: as AWS documents for
   * partial batch responses, the first message that fails fails every message after it too, and nothing after an
   * unreadable message is written, so the queue delivers them again in their order. Stops at {@code deadline} as
   * {@link #write(List, Deadline)} does.
   */
  public BatchOutcome writeInOrder(List<QueueMessage> messages, Deadline deadline) {
    return write(messages, true, deadline);
  }

  private BatchOutcome write(List<QueueMessage> messages, boolean inOrder, Deadline deadline) {
    Set<String> failed = new HashSet<>();
    List<String> unreadable = new ArrayList<>();
    // on this receive a failure sends the message to the dead-letter queue
    Set<String> lastTries = ids(messages, m -> m.receiveCount() >= maxReceiveCount);
    Map<String, RowMessage> decoded = new LinkedHashMap<>();
    for (QueueMessage m : messages) {
      if (inOrder && !failed.isEmpty()) {
        failed.add(m.id());
        continue;
      }
      try {
        decoded.put(m.id(), RowMessageCodec.decode(m.body()));
      } catch (MalformedMessageException e) {
        LOG.warning(() -> "message " + m.id() + " is not a row message: " + e.getMessage());
        failed.add(m.id());
        unreadable.add(m.id());
      }
    }
    Map<String, List<String>> messagesOfTodo = new LinkedHashMap<>();
    decoded.forEach((messageId, message) -> message.rows().forEach(row ->
        messagesOfTodo.computeIfAbsent(row.todo().todoId(), id -> new ArrayList<>(1)).add(messageId)));
    // delivered before, or queued again by a later run: what they carry may have been written, and changed since
    Writes writes = Writes.of(decoded, ids(messages, m -> m.receiveCount() > 1));
    WriteResult result;
    try {
      result = writeAll(writes.fresh, repository::writeBatch, Todo::todoId, deadline, writes.fresh.size())
          .plus(writeAll(writes.repeated, repository::writeAbsent, Todo::todoId, deadline, SINGLE_WRITES_PER_SLICE))
          .plus(writeAll(writes.patches, repository::upsert, TodoPatch::todoId, deadline, SINGLE_WRITES_PER_SLICE));
    } catch (RuntimeException e) { // the store is down: the platform retries the batch; its last try is dead-lettered
      List<ImportJournal.Written> deadLettered = new ArrayList<>();
      decoded.forEach((messageId, message) -> {
        if (lastTries.contains(messageId)) {
          deadLettered.add(ImportJournal.Written.of(message));
        }
      });
      if (!deadLettered.isEmpty()) {
        journal.recordDeadLettered(deadLettered, clock.millis());
      }
      throw e;
    }
    for (String todoId : result.notWritten()) {
      failed.addAll(messagesOfTodo.get(todoId));
    }
    if (inOrder) {
      failEverythingAfterTheFirstFailure(messages, failed);
    }
    List<ImportJournal.Written> written = new ArrayList<>();
    List<ImportJournal.Written> deadLettered = new ArrayList<>();
    Map<ImportId, Share> shares = new LinkedHashMap<>();
    decoded.forEach((messageId, message) -> {
      Share share = shares.computeIfAbsent(message.importId(), id -> new Share());
      share.messages++;
      if (failed.contains(messageId)) {
        share.failed.add(messageId);
        if (lastTries.contains(messageId)) {
          deadLettered.add(ImportJournal.Written.of(message));
          share.deadLettered += message.rows().size();
        }
      } else {
        written.add(ImportJournal.Written.of(message));
        share.rows += message.rows().size();
      }
    });
    if (!written.isEmpty()) {
      journal.recordWritten(written, clock.millis());
    }
    if (!deadLettered.isEmpty()) {
      journal.recordDeadLettered(deadLettered, clock.millis());
    }
    List<String> failedIds = new ArrayList<>();
    for (QueueMessage m : messages) {
      if (failed.contains(m.id())) {
        failedIds.add(m.id());
      }
    }
    List<BatchOutcome.ImportShare> imports = new ArrayList<>();
    shares.forEach((id, share) -> imports.add(
        new BatchOutcome.ImportShare(id, share.messages, share.rows, share.failed, share.deadLettered)));
    return new BatchOutcome(failedIds, unreadable, imports, result.retriedItems(), result.throttledCalls());
  }

  /** An import's share of the batch, while it is counted. */
  private static final class Share {
    int messages;
    long rows;
    long deadLettered;
    final List<String> failed = new ArrayList<>();
  }

  private static Set<String> ids(List<QueueMessage> messages, Predicate<QueueMessage> which) {
    Set<String> ids = new HashSet<>();
    messages.stream().filter(which).forEach(m -> ids.add(m.id()));
    return ids;
  }

  /**
   * One write per todo id, as if the rows had been written in order. A row without a {@code todoId} in its file has an
   * id only it can have: a whole put, conditional ({@code repeated}) when its message was delivered or queued before,
   * so a person's change since that first write stays. A row that names its id is a patch of the fields it states,
   * merged with the rows before it and applied atomically, so it never stores what it did not read.
   */
  private record Writes(List<Todo> fresh, List<Todo> repeated, List<TodoPatch> patches) {

    static Writes of(Map<String, RowMessage> messages, Set<String> repeatedMessages) {
      Map<String, Put> puts = new LinkedHashMap<>();
      Map<String, TodoPatch> patches = new LinkedHashMap<>();
      messages.forEach((messageId, message) -> {
        for (TodoRow row : message.rows()) {
          String id = row.todo().todoId();
          if (row.upsert() || patches.containsKey(id)) {
            Put earlier = puts.remove(id); // the same id as a put before it: both become one patch, in order
            if (earlier != null) {
              patches.put(id, earlier.row().asPatch(earlier.importId()));
            }
            patches.merge(id, row.asPatch(message.importId()), TodoPatch::then);
          } else {
            // the later row wins; it is written as a repeat if either message was delivered before
            puts.merge(id, new Put(row, message.importId(), message.again() || repeatedMessages.contains(messageId)),
                (before, later) -> new Put(later.row(), later.importId(), before.repeated() || later.repeated()));
          }
        }
      });
      List<Todo> fresh = new ArrayList<>();
      List<Todo> again = new ArrayList<>();
      puts.values().forEach(p -> (p.repeated() ? again : fresh).add(p.row().todo().writtenBy(p.importId())));
      return new Writes(fresh, again, new ArrayList<>(patches.values()));
    }

    /** A row to put whole, by the import whose message carried it, delivered before or not. */
    private record Put(TodoRow row, ImportId importId, boolean repeated) {
    }
  }

  private static void failEverythingAfterTheFirstFailure(List<QueueMessage> messages, Set<String> failed) {
    boolean failing = false;
    for (QueueMessage m : messages) {
      failing |= failed.contains(m.id());
      if (failing) {
        failed.add(m.id());
      }
    }
  }

  /**
   * Unlimited, the whole batch goes to the repository at once, so it can keep all its writers busy to the end;
   * with a limit, in slices of at most one second's permits (and at most one BatchWriteItem's worth). No slice but
   * the first starts after the deadline: what is left counts as not written.
   */
  private <T> WriteResult writeAll(List<T> items, Function<List<T>, WriteResult> write, Function<T, String> todoId,
      Deadline deadline, int unpacedSlice) {
    int chunk = limiter.map(l -> (int) Math.max(1, Math.min(TodoRepository.ITEMS_PER_BATCH, l.permitsPerSecond())))
        .orElse(Math.max(1, unpacedSlice));
    WriteResult result = WriteResult.allWritten();
    for (int from = 0; from < items.size(); from += chunk) {
      if (from > 0 && deadline.reached()) { // the first slice always goes: every invocation makes progress
        Set<String> left = new HashSet<>();
        items.subList(from, items.size()).forEach(item -> left.add(todoId.apply(item)));
        LOG.warning(() -> left.size() + " row(s) left unwritten at the invocation's deadline; their messages return to the queue");
        return result.plus(new WriteResult(left, 0, 0));
      }
      List<T> slice = items.subList(from, Math.min(items.size(), from + chunk));
      limiter.ifPresent(l -> l.acquire(slice.size()));
      result = result.plus(write.apply(slice));
    }
    return result;
  }
}
