package dev.todo.bench;

import dev.todo.aws.AwsClients;
import dev.todo.aws.Backoff;
import dev.todo.aws.DynamoDbTodoRepository;
import dev.todo.aws.Provisioning;
import dev.todo.aws.TableProvisioning;
import dev.todo.aws.SqsRowQueue;
import dev.todo.aws.StackLayout;
import dev.todo.domain.ImportId;
import dev.todo.domain.MessagePacker;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.RowMessageCodec;
import dev.todo.domain.Todo;
import dev.todo.domain.TodoRow;
import dev.todo.local.LocalCloud;
import dev.todo.ports.QueueMessage;
import dev.todo.services.LocalServices;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * Throughput of the AWS adapters against the local services (ElasticMQ, dynalite), which it starts
 * itself: SqsRowQueue in messages/s with real packed row messages, DynamoDbTodoRepository in items/s and the
 * client's CPU per item.
 * Usage: {@code AwsAdaptersBenchmark [items=20000] [concurrency=4]}.
 */
@Command(name = "AwsAdaptersBenchmark", mixinStandardHelpOptions = true,
    description = "Throughput of SqsRowQueue and DynamoDbTodoRepository against the local services, and the client CPU per item.")
public final class AwsAdaptersBenchmark implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", defaultValue = "20000", description = "items to write (default: ${DEFAULT-VALUE})")
  int items;
  @Parameters(index = "1", arity = "0..1", defaultValue = "4", description = "calls in flight (default: ${DEFAULT-VALUE})")
  int concurrency;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AwsAdaptersBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    try (LocalServices services = LocalServices.start(LocalServices.Options.ephemeral())) {
      System.out.printf("local services up in %.1f s; %d cores, concurrency %d%n", (System.nanoTime() - started) / 1e9,
          Runtime.getRuntime().availableProcessors(), concurrency);
      AwsClients clients = new AwsClients(LocalCloud.endpointsOf(services));
      ImportId importId = ImportId.of(ObjectRef.of("bench", "import/bench.csv", "etag"));
      List<Todo> todos = new ArrayList<>(items);
      for (int i = 0; i < items; i++) {
        todos.add(new Todo(importId.todoIdForLine(i + 2), "Bench todo number " + i, i % 2 == 0, 1_700_000_000_000L + i,
            1_700_000_000_000L + i, Map.of("project", "p" + (i % 5))));
      }

      String queueUrl = Provisioning.createQueueWithDeadLetter(clients.sqs(),
          new StackLayout.QueueLayout("bench-rows", Duration.ofSeconds(300), StackLayout.MAX_RECEIVE_COUNT));
      try (SqsRowQueue queue = new SqsRowQueue(clients.sqs(), queueUrl, SqsRowQueue.PORTABLE_BATCH_BYTES, concurrency,
          Backoff.DEFAULT)) {
        for (int size : new int[] {8 * 1024, MessagePacker.DEFAULT_MAX_BYTES}) {
          List<QueueMessage> messages = pack(importId, todos, size);
          long bytes = messages.stream().mapToLong(m -> m.body().getBytes(StandardCharsets.UTF_8).length).sum();
          queue.send(messages.subList(0, Math.min(10, messages.size()))); // warm-up
          long t0 = System.nanoTime();
          List<String> failed = queue.send(messages);
          double s = (System.nanoTime() - t0) / 1e9;
          System.out.printf("SqsRowQueue, %,d messages of up to %d KiB (%,d rows, %.1f MB): %,.0f messages/s, %,.0f rows/s, %.1f MB/s%s%n",
              messages.size(), size / 1024, items, bytes / 1e6, messages.size() / s, items / s, bytes / 1e6 / s,
              failed.isEmpty() ? "" : ", FAILED " + failed.size());
        }
      }

      String table = "bench-todos";
      TableProvisioning.createTodoTable(clients.dynamoDb(), table);
      try (DynamoDbTodoRepository repository = new DynamoDbTodoRepository(clients.dynamoDb(), table, concurrency * 2,
          Backoff.DEFAULT)) {
        repository.writeBatch(todos.subList(0, Math.min(500, items))); // warm-up
        for (int round = 1; round <= 3; round++) {
          long t0 = System.nanoTime();
          long cpu0 = processCpuNanos();
          Set<String> failed = Set.of();
          for (int from = 0; from < items; from += 1000) {
            failed = repository.writeBatch(todos.subList(from, Math.min(items, from + 1000))).notWritten();
          }
          double s = (System.nanoTime() - t0) / 1e9;
          double cpuMicrosPerItem = (processCpuNanos() - cpu0) / 1e3 / items;
          System.out.printf("DynamoDbTodoRepository round %d, %,d items in slices of 1,000 (%d calls in flight): %,.0f items/s, "
                  + "client CPU %.0f µs/item%s%n", round, items, concurrency * 2, items / s, cpuMicrosPerItem,
              failed.isEmpty() ? "" : ", FAILED " + failed.size());
        }
      }
    }
    return 0;
  }

  /** CPU time of this JVM (the client side; the servers run in their own processes). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static List<QueueMessage> pack(ImportId importId, List<Todo> todos, int maxBytes) {
    MessagePacker packer = new MessagePacker(importId, maxBytes);
    List<QueueMessage> messages = new ArrayList<>();
    for (int i = 0; i < todos.size(); i++) {
      byte[] row = RowMessageCodec.encodeRow(new TodoRow(i + 2, todos.get(i)));
      if (!packer.fits(row)) {
        messages.add(new QueueMessage("m" + messages.size(), packer.take().body()));
      }
      packer.add(row, i + 2);
    }
    messages.add(new QueueMessage("m" + messages.size(), packer.take().body()));
    return messages;
  }
}
