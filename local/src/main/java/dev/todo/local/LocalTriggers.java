package dev.todo.local;

import static dev.todo.aws.ServiceFunction.EXPORT_WORKER;
import static dev.todo.aws.ServiceFunction.IMPORTER;
import static dev.todo.aws.ServiceFunction.IMPORT_CONTINUATION;
import static dev.todo.aws.ServiceFunction.TODOS_API;
import static dev.todo.aws.ServiceFunction.WRITER;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.todo.aws.AwsRuntime;
import dev.todo.aws.FunctionSettings;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.handler.ImportContinuation;
import dev.todo.aws.handler.S3ToSqs;
import dev.todo.aws.handler.SqsToDynamo;
import dev.todo.aws.handler.SqsToExport;
import dev.todo.aws.handler.TodoApi;
import dev.todo.local.api.ApiServer;
import dev.todo.local.lambda.AsyncInvoker;
import dev.todo.local.lambda.InvocationLog;
import dev.todo.local.lambda.LambdaFunction;
import dev.todo.local.status.StatusPage;
import dev.todo.local.triggers.EventSourcePoller;
import dev.todo.local.triggers.S3Notifier;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What invokes the import's and the export's functions, as AWS does: the bucket's notifications (S3ToSqs), the three
 * SQS event source mappings (SqsToDynamo, ImportContinuation, SqsToExport) and API Gateway (TodoApi). The event path's triggers are
 * {@link LocalEvents}'.
 */
final class LocalTriggers implements AutoCloseable {

  /** Export workers at once: a segment each, as many as two cores keep busy while each waits on its Scan calls. */
  private static final int EXPORT_WORKERS = 4;

  private final AsyncInvoker importer;
  private final S3Notifier notifier;
  private final EventSourcePoller consumer;
  private final EventSourcePoller continuations;
  private final EventSourcePoller exports;
  private final ApiServer api;
  private final Consumer<String> log;
  private final S3Client s3;
  private final String bucket;

  /** What the triggers need of the cloud: its clients, its functions' runtimes and logs, and its status page. */
  record Wiring(Options options, String bucket, FunctionSettings settings, FunctionClients functions, S3Client s3, URI s3Endpoint,
      SqsClient sqs, Function<String, Consumer<String>> functionLog, InvocationLog invocations, StatusPage statusPage,
      Consumer<String> log) {
  }

  LocalTriggers(Wiring w) {
    Options o = w.options();
    this.log = w.log();
    this.s3 = w.s3();
    this.bucket = w.bucket();
    AwsRuntime importing = w.functions().runtime(IMPORTER);
    importer = new AsyncInvoker(LambdaFunction.of(IMPORTER.localName(), new S3ToSqs(importing.importService(),
        importing.importTimeMargin(), w.functionLog().apply(IMPORTER.localName())), S3Event.class, String.class,
        o.importerTimeout, log), w.invocations(), log);
    notifier = new S3Notifier(w.s3(), w.s3Endpoint(), w.bucket(), importer::invoke, log);

    AtomicInteger crashesLeft = new AtomicInteger(o.consumerCrashes);
    consumer = new EventSourcePoller(w.sqs(), queueOf(WRITER, w.settings()), WRITER.localName(),
        () -> new SqsToDynamo(w.functions().runtime(WRITER).rowWriter(), // one per container
            w.functionLog().apply(WRITER.localName())),
        new EventSourcePoller.Settings(o.batchSize, o.batchingWindow, o.maxConcurrency, o.writerTimeout()),
        () -> crashesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0, w.invocations(), log);
    AwsRuntime continuing = w.functions().runtime(IMPORT_CONTINUATION);
    int continuationBatch = ((ServiceFunction.Trigger.Queue) IMPORT_CONTINUATION.trigger()).batchSize();
    continuations = new EventSourcePoller(w.sqs(), queueOf(IMPORT_CONTINUATION, w.settings()), IMPORT_CONTINUATION.localName(),
        () -> new ImportContinuation(continuing.importService(), continuing.importTimeMargin(),
            w.functionLog().apply(IMPORT_CONTINUATION.localName())),
        new EventSourcePoller.Settings(continuationBatch, Duration.ZERO, 2, o.importerTimeout), () -> false, w.invocations(), log);

    AwsRuntime exporting = w.functions().runtime(EXPORT_WORKER);
    int exportBatch = ((ServiceFunction.Trigger.Queue) EXPORT_WORKER.trigger()).batchSize();
    exports = new EventSourcePoller(w.sqs(), queueOf(EXPORT_WORKER, w.settings()), EXPORT_WORKER.localName(),
        () -> new SqsToExport(exporting.exportWorker(), exporting.importTimeMargin(), w.settings().maxReceiveCount(),
            w.functionLog().apply(EXPORT_WORKER.localName())),
        new EventSourcePoller.Settings(exportBatch, Duration.ZERO, EXPORT_WORKERS, o.importerTimeout), () -> false,
        w.invocations(), log);

    // locally one function takes every route (on AWS four do, each with only what its routes need)
    AwsRuntime serving = w.functions().runtime(TODOS_API);
    api = new ApiServer(o.apiPort, LambdaFunction.of(TODOS_API.localName(), new TodoApi(serving.todoService(),
        serving.importDesk(), serving.exportDesk(), w.functionLog().apply(TODOS_API.localName())), APIGatewayProxyRequestEvent.class,
        APIGatewayProxyResponseEvent.class, TODOS_API.timeout(), log), w.invocations(), w.statusPage(), log);
  }

  /** The URL of the queue the catalogue says triggers {@code function}. */
  private static String queueOf(ServiceFunction function, FunctionSettings settings) {
    return settings.queueUrl(((ServiceFunction.Trigger.Queue) function.trigger()).queue());
  }

  /** The REST API first (its port may be taken), then the pollers and the notifications. */
  void start(long notifyIntervalMillis) {
    api.start();
    consumer.start();
    continuations.start();
    exports.start();
    notifier.start(notifyIntervalMillis);
  }

  URI apiEndpoint() {
    return URI.create("http://127.0.0.1:" + api.port());
  }

  /** Delivers the creation notification of an object once more, as S3 occasionally does. */
  void notifyAgain(String key) {
    S3Object object = s3.listObjectsV2(r -> r.bucket(bucket).prefix(key)).contents().stream()
        .filter(o -> o.key().equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException("no object " + key));
    notifier.notifyCreated(object);
  }

  /** Imports asked for and not yet begun. */
  int pending() {
    return notifier.pending() + importer.pending();
  }

  /** Both pollers end their long polls at once, not one after the other. */
  void stopPolling() {
    consumer.stop();
    continuations.stop();
    exports.stop();
  }

  @Override
  public void close() {
    stopPolling();
    Closeables.closeAll(log, notifier, api, consumer, continuations, exports, importer);
  }
}
