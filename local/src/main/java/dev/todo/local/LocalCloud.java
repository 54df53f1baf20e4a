package dev.todo.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.aws.AwsClients;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.Provisioning;
import dev.todo.aws.SqsRowQueue;
import dev.todo.aws.StackLayout;
import static dev.todo.aws.ServiceFunction.IMPORTER;
import static dev.todo.aws.ServiceFunction.IMPORT_CONTINUATION;
import static dev.todo.aws.ServiceFunction.TODOS_API;
import static dev.todo.aws.ServiceFunction.WRITER;

import dev.todo.aws.ServiceFunction;
import dev.todo.aws.handler.ImportContinuation;
import dev.todo.aws.handler.S3ToSqs;
import dev.todo.aws.handler.SqsToDynamo;
import dev.todo.aws.handler.TodoApi;
import dev.todo.services.LocalServices;
import dev.todo.services.S3Writes;
import dev.todo.services.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole service on one machine: S3-, SQS- and DynamoDB-compatible servers on loopback, the bucket, queues
 * and tables the CDK stack creates, and the real handler classes wired to them the way AWS wires them
 * (S3 notifications, the SQS event source mapping, API Gateway). The composition root of this runtime.
 */
public final class LocalCloud implements AutoCloseable {

  /** The functions of the event path; each runs on threads whose names start with its name. */
  public static final List<String> EVENT_FUNCTIONS = LocalEvents.FUNCTIONS;

  private final Options options;
  private final Optional<LocalServices> services;
  private final AwsClients.Endpoints endpoints;
  private final FunctionSettings settings;
  private final S3Client s3;
  private final SqsClient sqs;
  private final StackLayout layout;
  private final String deadLetterUrl;
  private final String eventDeadLetterUrl;
  private final AwsRuntime runtime;
  private final Optional<DynamoDbProxy> proxy;
  private final LocalEvents events;
  private final AsyncInvoker importer;
  private final S3Notifier notifier;
  private final EventSourcePoller consumer;
  private final EventSourcePoller continuations;
  private final ApiServer api;
  private final InvocationLog invocationLog = new InvocationLog();
  private final EmbeddedMetrics metrics = new EmbeddedMetrics();
  private final Consumer<String> log;
  private final Optional<DataDirLock> dataDirLock;

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
    // the clients load while the servers start; each server is provisioned as soon as it answers
    AwsClients clients = new AwsClients(endpoints);
    s3 = clients.s3();
    sqs = clients.sqs();
    DynamoDbClient dynamoDb = clients.dynamoDb();
    StackLayout named = StackLayout.named(o.nameSuffix, o.visibilityTimeout, o.importerTimeout).withMaxReceiveCount(o.maxReceiveCount);
    layout = o.singleWriter ? named.withSingleWriter() : named;
    Provisioning.Provisioned provisioned;
    try {
      provisioned = Provisioning.create(layout, s3, sqs, dynamoDb, services.map(s -> new Provisioning.Readiness(
          s::awaitS3, s::awaitSqs, s::awaitDynamoDb)).orElse(Provisioning.Readiness.UP));
    } catch (RuntimeException e) {
      services.ifPresent(LocalServices::close);
      throw e;
    }
    deadLetterUrl = provisioned.deadLetterUrl();
    eventDeadLetterUrl = provisioned.eventDeadLetterUrl();

    TableStreams streams = new TableStreams();
    // the functions reach DynamoDB through the proxy that records the streams and injects faults, if either is on
    proxy = o.events || o.dynamoDbFaults || o.throttleFraction > 0
        ? Optional.of(new DynamoDbProxy(endpoints.dynamoDb(), o.throttleFraction, streams,
            new LocalIam(layout, endpoints.region()))) : Optional.empty();
    proxy.ifPresent(DynamoDbProxy::start);
    FunctionSettings functions = provisioned.settings().with(FunctionSettings.Variable.IMPORT_TIME_MARGIN_MS, o.importMargin.toMillis());
    if (S3Writes.at(endpoints.s3()).isPresent()) { // our S3Proxy: its upload links promise what it takes
      functions = functions.with(FunctionSettings.Variable.UPLOAD_MAX_MB, Math.min(functions.uploadMaxMb(), LocalServices.MAX_UPLOAD_MB));
    }
    if (o.writesPerSecond.isPresent()) {
      functions = functions.with(FunctionSettings.Variable.WRITES_PER_SECOND, o.writesPerSecond.orElseThrow());
    }
    if (o.maxMessageBytes.isPresent()) {
      functions = functions.with(FunctionSettings.Variable.MAX_MESSAGE_BYTES, o.maxMessageBytes.orElseThrow());
    }
    settings = functions;
    events = LocalEvents.start(layout, endpoints.region(), settings.topicArn(), o.dataDir);
    Map<String, String> functionEnvironment = new HashMap<>(proxy.map(p -> endpoints.withDynamoDb(p.endpoint())).orElse(endpoints)
        .toEnvironment());
    functionEnvironment.putAll(events.endpointEnvironment());
    AwsClients shared = new AwsClients(functionEnvironment);
    runtime = new AwsRuntime(settings, shared); // the cloud's own calls: no grants checked
    // with the proxy, each function calls DynamoDB under its own name, so the proxy holds it to the stack's grants
    // for it; without, the functions share the cloud's clients and runtime
    java.util.function.Function<ServiceFunction, AwsClients> clientsOf = f -> proxy.map(p -> {
      Map<String, String> env = new HashMap<>(functionEnvironment);
      env.put("AWS_ENDPOINT_URL_DYNAMODB", p.endpointFor(f.localName()).toString());
      return new AwsClients(env);
    }).orElse(shared);
    java.util.function.Function<ServiceFunction, AwsRuntime> runtimeOf = f -> proxy.isPresent()
        ? new AwsRuntime(settings, clientsOf.apply(f)) : runtime;
    if (o.events) {
      events.wire(runtimeOf, streams, function -> functionLog(function, log), invocationLog,
          failure -> sqs.sendMessage(r -> r.queueUrl(eventDeadLetterUrl).messageBody(failure)), log);
      proxy.orElseThrow().recover(streams); // records a kill left unmade, before any function writes
    }

    AwsRuntime importing = runtimeOf.apply(IMPORTER);
    importer = new AsyncInvoker(LambdaFunction.of(IMPORTER.localName(), new S3ToSqs(importing.importService(), importing.importTimeMargin(),
        functionLog(IMPORTER.localName(), log)),
        S3Event.class, String.class, o.importerTimeout, log), invocationLog, log);
    notifier = new S3Notifier(s3, endpoints.s3(), layout.bucket(), importer::invoke, log);

    AtomicInteger crashesLeft = new AtomicInteger(o.consumerCrashes);
    consumer = new EventSourcePoller(sqs, settings.queueUrl(), WRITER.localName(),
        () -> new SqsToDynamo(new AwsRuntime(settings, clientsOf.apply(WRITER)).rowWriter(), // one per container
            functionLog(WRITER.localName(), log)),
        new EventSourcePoller.Settings(o.batchSize, o.batchingWindow, o.maxConcurrency, o.consumerTimeout),
        () -> crashesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0, invocationLog, log);
    AwsRuntime continuing = runtimeOf.apply(IMPORT_CONTINUATION);
    int continuationBatch = ((ServiceFunction.Trigger.Queue) IMPORT_CONTINUATION.trigger()).batchSize();
    continuations = new EventSourcePoller(sqs, settings.controlQueueUrl(), IMPORT_CONTINUATION.localName(),
        () -> new ImportContinuation(continuing.importService(), continuing.importTimeMargin(),
            functionLog(IMPORT_CONTINUATION.localName(), log)),
        new EventSourcePoller.Settings(continuationBatch, Duration.ZERO, 2, o.importerTimeout), () -> false, invocationLog, log);
    Map<String, String> queues = new LinkedHashMap<>();
    queues.put(layout.rows().name(), settings.queueUrl());
    queues.put(layout.rows().deadLetterName(), deadLetterUrl);
    queues.put(layout.control().name(), settings.controlQueueUrl());
    queues.put(layout.control().deadLetterName(), sqs.getQueueUrl(r -> r.queueName(layout.control().deadLetterName())).queueUrl());
    queues.put(layout.eventDeadLetters(), eventDeadLetterUrl);
    StatusPage statusPage = new StatusPage(new StatusPage.Sources(runtime.journal(), sqs, queues, dynamoDb, layout.table(),
        invocationLog, metrics, this::redrive, events, this::errorReport));
    // locally one function takes every route (on AWS three do, each with only what its routes need)
    AwsRuntime serving = runtimeOf.apply(TODOS_API);
    api = new ApiServer(o.apiPort, LambdaFunction.of(TODOS_API.localName(), new TodoApi(serving.todoService(),
        serving.importDesk(), functionLog(TODOS_API.localName(), log)), APIGatewayProxyRequestEvent.class,
        APIGatewayProxyResponseEvent.class, TODOS_API.timeout(), log), invocationLog, statusPage, log);
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
      cloud.api.start();
      cloud.events.startStreams();
      cloud.consumer.start();
      cloud.continuations.start();
      cloud.notifier.start(options.notifyIntervalMillis);
      return cloud;
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  /** Delivers the creation notification of an object under import/ once more, as S3 occasionally does. */
  public void notifyAgain(String key) {
    S3Object object = s3.listObjectsV2(r -> r.bucket(layout.bucket()).prefix(key)).contents().stream()
        .filter(o -> o.key().equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException("no object " + key));
    notifier.notifyCreated(object);
  }

  /** An error report's bytes, if the bucket holds one under that key. */
  private Optional<byte[]> errorReport(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(r -> r.bucket(layout.bucket()).key(key)).asByteArray());
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /** Moves every message from the dead-letter queue back to the import queue; returns how many. */
  public int redrive() {
    return moveAll(sqs, deadLetterUrl, settings.queueUrl());
  }

  /** Moves every message from one queue to another, each deleted only once it is sent; returns how many. */
  public static int moveAll(SqsClient sqs, String fromUrl, String toUrl) {
    int moved = 0;
    while (true) {
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(fromUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      if (messages.isEmpty()) {
        return moved;
      }
      for (Message m : messages) {
        boolean fifo = toUrl.endsWith(".fifo"); // one group, as the importer sends; a fresh id, or dedup would drop it
        sqs.sendMessage(r -> r.queueUrl(toUrl).messageBody(m.body()).messageGroupId(fifo ? SqsRowQueue.MESSAGE_GROUP : null)
            .messageDeduplicationId(fifo ? UUID.randomUUID().toString() : null));
        sqs.deleteMessage(r -> r.queueUrl(fromUrl).receiptHandle(m.receiptHandle()));
        moved++;
      }
    }
  }

  public URI apiEndpoint() {
    return URI.create("http://127.0.0.1:" + api.port());
  }

  /** The servers this cloud uses, as SDK clients reach them. */
  public AwsClients.Endpoints endpoints() {
    return endpoints;
  }

  /** What the functions are told: the names of the bucket, tables and queues, and the tunables. */
  public FunctionSettings settings() {
    return settings;
  }

  /** A function's whole environment, for a process that runs one of the handlers on its own. */
  public Map<String, String> functionEnvironment() {
    Map<String, String> env = new HashMap<>(endpoints.toEnvironment());
    env.putAll(settings.toEnvironment());
    return env;
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
    return deadLetterUrl;
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

  /** Fault injection: DynamoDB answers every write of the functions to the todo table with a 500 while {@code down}. */
  public void todoTableDown(boolean down) {
    if (!options.dynamoDbFaults) {
      throw new IllegalStateException("start the cloud with dynamoDbFaults() to inject faults");
    }
    proxy.orElseThrow().down(down ? Optional.of(layout.table()) : Optional.empty());
  }

  public long throttledBatchWrites() {
    return proxy.map(DynamoDbProxy::throttled).orElse(0L);
  }

  /** Fault injection: the event bus refuses this fraction of the entries put on it (0 for none). */
  public void refuseEvents(double fraction) {
    events.refuse(fraction);
  }

  /** Fault injection: the event bus refuses every entry whose detail matches, however often it is sent. */
  public void refuseEventsAbout(java.util.function.Predicate<JsonNode> detail) {
    events.refuseDetails(detail);
  }

  /** The queue that describes the stream records that failed every retry (the stack's on-failure destination). */
  public String eventDeadLetterQueueUrl() {
    return eventDeadLetterUrl;
  }

  /** The latest events on the bus, newest first, as a rule's target gets them. */
  public List<JsonNode> recentEvents() {
    return events.recent();
  }

  /** Hands every event the bus takes from now on to {@code target}, as a rule's target gets it. */
  public void onEvent(Consumer<JsonNode> target) {
    events.onEvent(target);
  }

  /** How many events the bus took. */
  public long eventsPublished() {
    return events.published();
  }

  /** Where the notification topic's messages land, one file per message, as its email subscribers would read them. */
  public Path outbox() {
    return events.outbox();
  }

  /** Stream records not yet delivered to the stream functions. */
  public int pendingStreamRecords() {
    return events.pendingStreamRecords();
  }

  /**
   * What the functions have yet to finish apart from the queues' messages: imports asked for (S3 notifications),
   * stream records not yet taken, notifications not yet sent. With the queues empty too, 0 means nothing more happens
   * until something new arrives: a test waits for it instead of sleeping.
   */
  public int workInFlight() {
    return notifier.pending() + importer.pending() + events.pendingStreamRecords() + events.pendingNotifications();
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
    consumer.stop(); // both pollers end their long polls at once, not one after the other
    continuations.stop();
    for (AutoCloseable c : new AutoCloseable[] {notifier, api, consumer, continuations, importer, events, proxy.orElse(null)}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        log.accept("closing " + c + " failed: " + e);
      }
    }
    services.ifPresent(LocalServices::close);
    dataDirLock.ifPresent(DataDirLock::close);
  }
}
