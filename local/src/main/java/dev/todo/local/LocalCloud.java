package dev.todo.local;

import dev.todo.aws.AwsClients;
import dev.todo.aws.DynamoDbImportJournal;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.Provisioning;
import dev.todo.aws.StackLayout;
import dev.todo.local.dynamodb.DynamoDbFaults;
import dev.todo.local.dynamodb.DynamoDbProxy;
import dev.todo.local.dynamodb.LocalIam;
import dev.todo.local.dynamodb.TableStreams;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.status.EmbeddedMetrics;
import dev.todo.local.status.StatusPage;
import dev.todo.local.status.StatusReport;
import dev.todo.services.LocalServices;
import dev.todo.services.Ports;
import dev.todo.services.S3Writes;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole service on one machine: S3-, SQS- and DynamoDB-compatible servers on loopback, the bucket, queues
 * and tables the CDK stack creates, and the real handler classes wired to them the way AWS wires them
 * (S3 notifications, the SQS event source mapping, API Gateway). The composition root of this runtime.
 */
public final class LocalCloud implements AutoCloseable {

  private final Options options;
  private final Optional<LocalServices> services;
  private final AwsClients.Endpoints endpoints;
  private final FunctionSettings settings;
  private final S3Client s3;
  private final SqsClient sqs;
  private final StackLayout layout;
  private final Provisioning.Provisioned provisioned;
  private final AwsRuntime runtime;
  private final Optional<DynamoDbProxy> proxy;
  private final LocalEvents events;
  private final LocalTriggers triggers;
  private final InvocationLog invocationLog = new InvocationLog();
  private final EmbeddedMetrics metrics = new EmbeddedMetrics();
  private final Consumer<String> log;
  private final Optional<DataDirLock> dataDirLock;
  private final CompletableFuture<Void> deadRunsReleased;

  private LocalCloud(Options o, Consumer<String> log, Optional<DataDirLock> dataDirLock) {
    this.options = o;
    this.log = log;
    this.dataDirLock = dataDirLock;
    if (o.apiPort != 0) {
      Ports.choose(o.apiPort, "REST API");
    }
    services = o.external.isPresent() ? Optional.empty() : Optional.of(LocalServices.startInBackground(new LocalServices.Options(
        o.dataDir, o.dataDir.map(d -> d.resolve("logs")).orElseGet(() -> LocalServices.Options.ephemeral().logDir()),
        o.dynamoDbPort, o.s3Port, o.sqsPort)));
    endpoints = o.external.orElseGet(() -> endpointsOf(services.get()));
    // the three clients load side by side while the servers start; each server is provisioned as soon as it answers
    AwsClients clients = new AwsClients(endpoints);
    CompletableFuture<S3Client> s3Client = CompletableFuture.supplyAsync(clients::s3);
    CompletableFuture<DynamoDbClient> dynamoDbClient = CompletableFuture.supplyAsync(clients::dynamoDb);
    sqs = clients.sqs();
    s3 = s3Client.join();
    DynamoDbClient dynamoDb = dynamoDbClient.join();
    StackLayout named = StackLayout.named(o.nameSuffix, o.visibilityTimeout, o.importerTimeout).withMaxReceiveCount(o.maxReceiveCount);
    layout = o.singleWriter ? named.withSingleWriter() : named;
    try {
      provisioned = Provisioning.create(layout, s3, sqs, dynamoDb, services.map(s -> new Provisioning.Readiness(
          s::awaitS3, s::awaitSqs, s::awaitDynamoDb)).orElse(Provisioning.Readiness.UP));
    } catch (RuntimeException e) {
      services.ifPresent(LocalServices::close);
      throw e;
    }

    TableStreams streams = new TableStreams();
    // the functions reach DynamoDB through the proxy that records the streams and injects faults, if either is on
    proxy = o.events || o.dynamoDbFaults || o.throttleFraction > 0
        ? Optional.of(new DynamoDbProxy(endpoints.dynamoDb(), o.throttleFraction, streams,
            new LocalIam(layout, endpoints.region()))) : Optional.empty();
    proxy.ifPresent(DynamoDbProxy::start);
    // no run of the cloud that last had the data dir is alive (one cloud per dir): the files they read go on at once
    deadRunsReleased = o.dataDir.isEmpty() ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(() ->
        new DynamoDbImportJournal(dynamoDb, layout.importsTable()).releaseEveryClaim(System.currentTimeMillis())
            .forEach(id -> log.accept("import " + id + ": its reading stopped with the last run, and goes on now")));
    settings = o.tune(provisioned.settings(), S3Writes.at(endpoints.s3()).isPresent());
    events = LocalEvents.start(layout, endpoints.region(), settings.topicArn(), o.dataDir);
    FunctionClients functions = new FunctionClients(endpoints, events.endpointEnvironment(), proxy, settings);
    runtime = functions.cloud();
    if (o.events) {
      events.wire(functions::runtime, streams, function -> functionLog(function, log), invocationLog,
          failure -> sqs.sendMessage(r -> r.queueUrl(provisioned.eventDeadLetterUrl()).messageBody(failure)), log);
      proxy.orElseThrow().recover(streams); // records a kill left unmade, before any function writes
    }

    StatusPage statusPage = new StatusPage(new StatusReport(new StatusReport.Sources(runtime.journal(), sqs, provisioned.queues(), dynamoDb,
        layout.table(), invocationLog, metrics, this::redrive, events, s3, layout.bucket())));
    triggers = new LocalTriggers(new LocalTriggers.Wiring(o, layout.bucket(), settings, functions, s3, endpoints.s3(), sqs,
        function -> functionLog(function, log), invocationLog, statusPage, log));
  }

  /**
   * A function's JSON log lines, as CloudWatch would receive them: on the cloud's log under the function's name,
   * and read for embedded metrics as CloudWatch reads them.
   */
  private Consumer<String> functionLog(String function, Consumer<String> log) {
    return line -> {
      metrics.accept(line);
      log.accept("[" + function + "] " + line);
    };
  }

  /** The local servers as SDK clients reach them. */
  public static AwsClients.Endpoints endpointsOf(LocalServices services) {
    return new AwsClients.Endpoints(services.s3Endpoint(), services.sqsEndpoint(), services.dynamoDbEndpoint(),
        LocalServices.REGION, LocalServices.ACCESS_KEY, LocalServices.SECRET_KEY);
  }

  /** Starts everything and returns once the API, the notifications and the pollers are running. */
  public static LocalCloud start(Options options, Consumer<String> log) {
    Optional<DataDirLock> lock = options.dataDir.map(d -> DataDirLock.acquire(d, DataDirLock.WAIT, log));
    LocalCloud cloud;
    try {
      cloud = new LocalCloud(options, log, lock);
    } catch (RuntimeException e) {
      lock.ifPresent(DataDirLock::close);
      throw e;
    }
    try {
      cloud.events.startStreams();
      cloud.deadRunsReleased.join();
      cloud.triggers.start(options.notifyIntervalMillis);
      return cloud;
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  /** Delivers the creation notification of an object under import/ once more, as S3 occasionally does. */
  public void notifyAgain(String key) {
    triggers.notifyAgain(key);
  }

  /** Moves every message from the dead-letter queue back to the import queue; returns how many. */
  public int redrive() {
    return DeadLetters.moveAll(sqs, provisioned.deadLetterUrl(), settings.queueUrl());
  }

  public URI apiEndpoint() {
    return triggers.apiEndpoint();
  }

  /** The servers this cloud uses, as SDK clients reach them. */
  public AwsClients.Endpoints endpoints() {
    return endpoints;
  }

  /** What the functions are told: the names of the bucket, tables and queues, and the tunables. */
  public FunctionSettings settings() {
    return settings;
  }

  /** The runtime the functions use: its journal and services answer what the table and imports hold. */
  public AwsRuntime runtime() {
    return runtime;
  }

  public S3Client s3() {
    return s3;
  }

  public SqsClient sqs() {
    return sqs;
  }

  public String bucket() {
    return layout.bucket();
  }

  public String queueUrl() {
    return settings.queueUrl();
  }

  public String deadLetterQueueUrl() {
    return provisioned.deadLetterUrl();
  }

  /** Every function invocation so far, with its duration: what Lambda would bill. */
  public InvocationLog invocations() {
    return invocationLog;
  }

  /** The metrics the functions' embedded-metric log lines carried, as CloudWatch would have read them. */
  public EmbeddedMetrics metrics() {
    return metrics;
  }

  /** The status page's address. */
  public URI statusPage() {
    return URI.create(apiEndpoint() + StatusPage.PREFIX + "/");
  }

  /** Fault injection in front of DynamoDB: the todo table down, batch writes throttled. */
  public DynamoDbFaults faults() {
    return new DynamoDbFaults(proxy, options.dynamoDbFaults, layout.table());
  }

  /** The queue that describes the stream records that failed every retry (the stack's on-failure destination). */
  public String eventDeadLetterQueueUrl() {
    return provisioned.eventDeadLetterUrl();
  }

  /** The event path: the bus's events, the topic's outbox, the stream records pending, its fault injection. */
  public LocalEvents events() {
    return events;
  }

  /**
   * What the functions have yet to finish apart from the queues' messages: imports asked for (S3 notifications),
   * stream records not yet taken, notifications not yet sent. With the queues empty too, 0 means nothing more happens
   * until something new arrives: a test waits for it instead of sleeping.
   */
  public int workInFlight() {
    return triggers.pending() + events.pendingStreamRecords() + events.pendingNotifications();
  }

  public Optional<LocalServices> services() {
    return services;
  }

  /** The bucket, tables and queues this cloud made. */
  public StackLayout layout() {
    return layout;
  }

  @Override
  public void close() {
    Closeables.closeAll(log, triggers, events, proxy.orElse(null));
    services.ifPresent(LocalServices::close);
    dataDirLock.ifPresent(DataDirLock::close);
  }
}
