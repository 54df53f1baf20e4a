package dev.todo.bench;

import dev.todo.aws.Backoff;
import dev.todo.aws.TableProvisioning;
import dev.todo.aws.SqsRowQueue;
import dev.todo.aws.TodoTableSchema;
import dev.todo.aws.Workers;
import dev.todo.domain.ImportId;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.RowOutcome;
import dev.todo.domain.TodoCsvReader;
import dev.todo.inmemory.InMemoryContinuations;
import dev.todo.inmemory.InMemoryImportJournal;
import dev.todo.ports.Deadline;
import dev.todo.ports.QueueMessage;
import dev.todo.ports.RowQueue;
import dev.todo.usecase.ImportOutcome;
import dev.todo.usecase.ImportService;
import dev.todo.usecase.ImportSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The limits the pipeline works against, measured on the same servers in the same run: how fast the CSV
 * parses and packs with no I/O, how fast the SQS server takes SendMessageBatch, how fast the DynamoDB server
 * takes BatchWriteItem. Raw SDK calls, none of the pipeline's adapters.
 */
final class Ceilings {

  /** Parse + validate + pack with no I/O: rows/s and MB/s; also returns the packed messages. */
  record Parse(double rowsPerSecond, double megabytesPerSecond, List<QueueMessage> messages) {
  }

  private Ceilings() {
  }

  static Parse parse(Path csv, long rows, int runs) throws IOException {
    Parse best = null;
    for (int run = 0; run < runs; run++) {
      List<QueueMessage> messages = Collections.synchronizedList(new ArrayList<>());
      RowQueue keep = batch -> {
        messages.addAll(batch);
        return List.of();
      };
      ImportService importer = new ImportService(new FileSource(csv), keep, new InMemoryImportJournal(),
          new InMemoryContinuations(), Clock.systemUTC(), ImportSettings.DEFAULTS);
      long start = System.nanoTime();
      ImportOutcome outcome = importer.start(ObjectRef.of("ceiling", "import/ceiling.csv", "run" + run), Deadline.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!(outcome instanceof ImportOutcome.Queued q) || q.record().progress().rowsQueued() != rows) {
        throw new IllegalStateException("the parse ceiling did not queue every row: " + outcome);
      }
      Parse p = new Parse(rows / seconds, Files.size(csv) / 1e6 / seconds, messages);
      best = best == null || p.rowsPerSecond() > best.rowsPerSecond() ? p : best;
    }
    return best;
  }

  /** The given messages through SqsRowQueue (SendMessageBatch, ≤ 10 and ≤ 256 KiB a call, {@code threads} in flight): messages/s. */
  static double sendMessageBatch(SqsClient sqs, String queueUrl, List<QueueMessage> messages, int threads) {
    try (SqsRowQueue queue = new SqsRowQueue(sqs, queueUrl, SqsRowQueue.PORTABLE_BATCH_BYTES, threads, Backoff.DEFAULT)) {
      long start = System.nanoTime();
      List<String> failed = queue.send(messages);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!failed.isEmpty()) {
        throw new IllegalStateException(failed.size() + " message(s) refused by the SQS server");
      }
      return messages.size() / seconds;
    }
  }

  /** BatchWriteItem of the file's first rows, 25 a call, unprocessed items sent again, from {@code threads} threads: items/s. */
  static double batchWriteItem(DynamoDbClient dynamoDb, String table, Path csv, long maxRows, int threads) throws Exception {
    TableProvisioning.createTodoTable(dynamoDb, table);
    List<WriteRequest> items = new ArrayList<>();
    try (InputStream in = Files.newInputStream(csv)) {
      TodoCsvReader reader = TodoCsvReader.open(in, ImportId.of(ObjectRef.of("ceiling", "import/" + table, "1")), 0);
      for (Optional<RowOutcome> next = reader.next(); next.isPresent() && items.size() < maxRows; next = reader.next()) {
        if (next.get() instanceof RowOutcome.Accepted a) {
          items.add(TodoTableSchema.INSTANCE.putRequest(a.row().todo()));
        }
      }
    }
    List<List<WriteRequest>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += 25) {
      chunks.add(items.subList(i, Math.min(items.size(), i + 25)));
    }
    ExecutorService pool = Workers.daemonPool("ceiling-dynamodb", threads);
    try {
      long start = System.nanoTime();
      Workers.fanOut(pool, chunks, chunk -> {
        List<WriteRequest> pending = chunk;
        while (!pending.isEmpty()) {
          List<WriteRequest> sending = pending;
          pending = dynamoDb.batchWriteItem(r -> r.requestItems(java.util.Map.of(table, sending)))
              .unprocessedItems().getOrDefault(table, List.of());
        }
        return List.<String>of();
      });
      return items.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
      dynamoDb.deleteTable(r -> r.tableName(table));
    }
  }
}
