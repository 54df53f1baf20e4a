package dev.todo.local;

import dev.todo.aws.AwsClients;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.StackLayout;
import dev.todo.services.LocalServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the local cloud is set up: ports, names, the event source mapping, timeouts, and faults to inject. */
public final class Options {

  public static final int API_PORT = 3000;
  public static final int S3_PORT = 4567;
  public static final int SQS_PORT = 9324;
  public static final int DYNAMODB_PORT = 8000;
  /** Writer invocations at once: the event source mapping's maximum concurrency. */
  public static final int MAX_CONCURRENCY = 2;
  /** Messages per writer invocation, as the stack's event source has it. */
  public static final int BATCH_SIZE = ServiceFunction.WRITER_BATCH_SIZE;
  /** The import queue's visibility timeout locally: short, so a crashed writer's messages come back soon. */
  public static final int VISIBILITY_SECONDS = 30;
  /**
   * How long an export's assembly that records nothing stays claimed locally: 20 s, not AWS's 2 minutes, as its parts go
   * to an S3 on this machine in well under a second, and a cloud restarted after a kill -9 soon takes over the file its
   * dead run was writing.
   */
  public static final int ASSEMBLY_LEASE_SECONDS = 20;
  /**
   * The most rows a row message holds here while the event path is on and the writer unpaced. Recording the table's
   * stream, the stream functions and the bus share two cores with dynalite: a writer wrote about 200 rows a second
   * while a 450,000-row file was being read, so a batch of 10 full messages of short rows (about 1,100 rows each)
   * outlasted the writer's timeout at every try, and 11,671 rows ended in the dead-letter queue. 10 messages of 250
   * rows take about 12 s at that rate; on AWS, where the store is not on the writer's cores, messages stay full.
   */
  static final int EVENTS_ROWS_PER_MESSAGE = 250;

  int apiPort = API_PORT;
  int s3Port = S3_PORT;
  int sqsPort = SQS_PORT;
  int dynamoDbPort = DYNAMODB_PORT;
  Optional<Path> dataDir = Optional.empty();
  Optional<AwsClients.Endpoints> external = Optional.empty();

  String nameSuffix = "";

  int maxReceiveCount = StackLayout.MAX_RECEIVE_COUNT;
  Duration visibilityTimeout = Duration.ofSeconds(VISIBILITY_SECONDS);
  int batchSize = BATCH_SIZE;
  Duration batchingWindow = Duration.ZERO;
  int maxConcurrency = MAX_CONCURRENCY;
  Optional<Double> writesPerSecond = Optional.empty();
  Duration importerTimeout = ServiceFunction.IMPORTER.timeout();
  Duration importMargin = Duration.ofSeconds(60);
  Optional<Integer> maxMessageBytes = Optional.empty();
  long notifyIntervalMillis = 250;

  double throttleFraction;
  boolean dynamoDbFaults;
  boolean events = true;
  boolean singleWriter;
  int consumerCrashes;

  /** The defaults: the ports in the README, state in memory, the mapping as the CDK stack sets it up. */
  public static Options defaults() {
    return new Options();
  }

  /** Every port chosen free at start, for tests that run beside a developer's own local cloud. */
  public Options anyFreePorts() {
    apiPort = 0;
    s3Port = 0;
    sqsPort = 0;
    dynamoDbPort = 0;
    return this;
  }

  public Options apiPort(int port) {
    apiPort = port;
    return this;
  }

  public Options s3Port(int port) {
    s3Port = port;
    return this;
  }

  public Options sqsPort(int port) {
    sqsPort = port;
    return this;
  }

  public Options dynamoDbPort(int port) {
    dynamoDbPort = port;
    return this;
  }

  public Options dataDir(Path dir) {
    dataDir = Optional.of(dir);
    return this;
  }

  /** S3, SQS and DynamoDB servers run by someone else (LocalStack, say) instead of the built-in ones. */
  public Options external(AwsClients.Endpoints endpoints) {
    external = Optional.of(endpoints);
    return this;
  }

  /** Appends a suffix to every bucket, table and queue name, so several clouds can share one set of servers. */
  public Options namesEndingWith(String suffix) {
    nameSuffix = suffix;
    return this;
  }

  public Options maxReceiveCount(int n) {
    maxReceiveCount = n;
    return this;
  }

  public Options visibilityTimeout(Duration d) {
    visibilityTimeout = d;
    return this;
  }

  public Options batchSize(int n) {
    batchSize = n;
    return this;
  }

  public Options batchingWindow(Duration d) {
    batchingWindow = d;
    return this;
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  public long notifyIntervalMillis() {
    return notifyIntervalMillis;
  }

  public Options maxConcurrency(int n) {
    maxConcurrency = n;
    return this;
  }

  public Options writesPerSecond(double n) {
    writesPerSecond = Optional.of(n);
    return this;
  }

  /** The importer's timeout, and how long before it the import hands over to a continuation. */
  public Options importerTimeout(Duration timeout, Duration margin) {
    importerTimeout = timeout;
    importMargin = margin;
    return this;
  }

  public Options maxMessageBytes(int n) {
    maxMessageBytes = Optional.of(n);
    return this;
  }

  /** Fault: this fraction of BatchWriteItem calls is throttled by the table. */
  public Options throttleBatchWrites(double fraction) {
    throttleFraction = fraction;
    return this;
  }

  /** One writer at a time, in the file's order: the import queue is FIFO with one group (the stack's writeConcurrency=1). */
  public Options singleWriter() {
    singleWriter = true;
    maxConcurrency = 1;
    return this;
  }

  /** Puts the fault injector in front of DynamoDB, so a test can make writes fail while the cloud runs. */
  public Options dynamoDbFaults() {
    dynamoDbFaults = true;
    return this;
  }

  /**
   * No event path: the tables' writes go to DynamoDB without the local stream stand-in, and no event functions run.
   * The import then runs as fast as the local servers allow (on AWS the stream costs the import nothing; locally,
   * recording it reads every item a write touches).
   */
  public Options withoutEvents() {
    events = false;
    return this;
  }

  /** Fault: the consumer's container dies this many times after writing a batch, before deleting its messages. */
  public Options consumerCrashes(int times) {
    consumerCrashes = times;
    return this;
  }

  /**
   * The writer's timeout as this cloud deploys it: the catalogue's, or the import queue's visibility timeout where that
   * is shorter (1 s at least). Lambda refuses an event source mapping whose queue hides a message for less than its
   * function's timeout, since a batch still being written would be handed out again; a short visibility, which this
   * cloud keeps for quick retries, makes for a writer with a short timeout instead.
   */
  Duration writerTimeout() {
    Duration catalogued = ServiceFunction.WRITER.timeout();
    Duration shorter = visibilityTimeout.compareTo(catalogued) < 0 ? visibilityTimeout : catalogued;
    return shorter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : shorter;
  }

  /** The provisioned functions' settings with this cloud's tunables; {@code ourS3}: S3Proxy, which takes less. */
  FunctionSettings tune(FunctionSettings provisioned, boolean ourS3) {
    FunctionSettings tuned = provisioned.with(FunctionSettings.Variable.IMPORT_TIME_MARGIN_MS, importMargin.toMillis())
        .with(FunctionSettings.Variable.EXPORT_ASSEMBLY_LEASE_SECONDS, ASSEMBLY_LEASE_SECONDS);
    if (ourS3) { // its upload links promise what it takes
      tuned = tuned.with(FunctionSettings.Variable.UPLOAD_MAX_MB, Math.min(tuned.uploadMaxMb(), LocalServices.MAX_UPLOAD_MB));
    }
    if (writesPerSecond.isPresent()) {
      tuned = tuned.pacedAt(writesPerSecond.orElseThrow(), writerTimeout(), batchSize);
    } else if (events && tuned.maxRowsPerMessage() == 0) {
      tuned = tuned.with(FunctionSettings.Variable.MAX_ROWS_PER_MESSAGE, EVENTS_ROWS_PER_MESSAGE);
    }
    if (maxMessageBytes.isPresent()) {
      tuned = tuned.with(FunctionSettings.Variable.MAX_MESSAGE_BYTES, maxMessageBytes.orElseThrow());
    }
    return tuned;
  }
}
