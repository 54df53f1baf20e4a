package dev.todo.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The three AWS-compatible servers on 127.0.0.1, started in parallel: S3Proxy (S3) and ElasticMQ (SQS) in this
 * JVM, dynalite (DynamoDB) in a Node.js child process. They accept the access key {@link #ACCESS_KEY} and
 * secret {@link #SECRET_KEY} in region {@link #REGION}.
 */
public final class LocalServices implements AutoCloseable {

  public static final String ACCESS_KEY = "test";
  public static final String SECRET_KEY = "test";
  public static final String REGION = "us-east-1";
  /** The largest upload in one request (a presigned POST included) the local S3 takes, in MiB. */
  public static final int MAX_UPLOAD_MB = (int) (S3Server.MAX_REQUEST_BYTES >> 20);

  private static LocalServices shared;

  private final CompletableFuture<DynaliteServer> dynamoDb;
  private final CompletableFuture<S3Server> s3;
  private final CompletableFuture<SqsServer> sqs;
  private final int dynamoDbPort;
  private final int s3Port;
  private final int sqsPort;
  private boolean closed;

  private LocalServices(Options o) {
    ServerLogging.bind(); // once, before the servers' threads log: SLF4J would hand them a stand-in and warn
    dynamoDbPort = Ports.choose(o.dynamoDbPort(), "DynamoDB");
    s3Port = Ports.choose(o.s3Port(), "S3");
    sqsPort = Ports.choose(o.sqsPort(), "SQS");
    dynamoDb = CompletableFuture.supplyAsync(
        () -> DynaliteServer.start(dynamoDbPort, o.dataDir().map(d -> d.resolve("dynamodb")), o.logDir()));
    s3 = CompletableFuture.supplyAsync(
        () -> S3Server.start(s3Port, o.dataDir().map(d -> d.resolve("s3")), ACCESS_KEY, SECRET_KEY));
    sqs = CompletableFuture.supplyAsync(() -> SqsServer.start(sqsPort, o.dataDir().map(d -> d.resolve("sqs"))));
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-services-stop"));
  }

  /** Where the servers keep their data (in memory, or under a directory that outlives them) and their ports. */
  public record Options(Optional<Path> dataDir, Path logDir, int dynamoDbPort, int s3Port, int sqsPort) {

    /** In-memory servers on free ports, logging to a temporary directory. */
    public static Options ephemeral() {
      try {
        return new Options(Optional.empty(), Files.createTempDirectory("local-services-"), 0, 0, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Begins, on a thread of its own, what starting the servers takes whatever their options: the logging and the
   * SQS server's actor system. A command that will start them calls this before it reads its options; the start then
   * takes what is ready (or waits for it) instead of doing it again.
   */
  public static void prepare() {
    SqsServer.prepare();
  }

  /** One set of servers per JVM, started on first use and stopped when the JVM exits (for tests). */
  public static synchronized LocalServices shared() {
    if (shared == null) {
      shared = start(Options.ephemeral());
    }
    return shared;
  }

  /** Starts the three servers and returns once all of them answer. */
  public static LocalServices start(Options o) {
    return startInBackground(o).awaitAll();
  }

  /**
   * Chooses the ports and starts the servers in the background: the endpoints are known at once, so a caller can
   * prepare its clients while the servers come up, and wait for each server just before it first needs it.
   */
  public static LocalServices startInBackground(Options o) {
    return new LocalServices(o);
  }

  public LocalServices awaitAll() {
    return awaitDynamoDb().awaitS3().awaitSqs();
  }

  public LocalServices awaitDynamoDb() {
    return await(dynamoDb);
  }

  public LocalServices awaitS3() {
    return await(s3);
  }

  public LocalServices awaitSqs() {
    return await(sqs);
  }

  private LocalServices await(CompletableFuture<?> server) {
    try {
      server.join();
      return this;
    } catch (CompletionException e) {
      close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  public URI dynamoDbEndpoint() {
    return endpoint(dynamoDbPort);
  }

  public URI s3Endpoint() {
    return endpoint(s3Port);
  }

  public URI sqsEndpoint() {
    return endpoint(sqsPort);
  }

  /** The process id of the DynamoDB server, the one server in a process of its own. */
  public long dynamoDbPid() {
    return awaitDynamoDb().dynamoDb.join().pid();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // the three stop side by side (ElasticMQ's actors and S3Proxy's Jetty take a moment each); a server still
    // starting is stopped as soon as it is up, without holding up the others
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (CompletableFuture<? extends AutoCloseable> server : List.of(s3, sqs, dynamoDb)) {
      CompletableFuture<Void> stopped = server.thenAcceptAsync(LocalServices::closeQuietly);
      if (server.isDone()) {
        running.add(stopped);
      }
    }
    running.forEach(stopped -> stopped.exceptionally(startFailed -> null).join());
  }

  private static void closeQuietly(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      System.err.println("stopping a local server failed: " + e);
    }
  }

  private static URI endpoint(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
