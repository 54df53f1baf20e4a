package dev.todo.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The three AWS-compatible servers on 127.0.0.1, started in parallel: S3Proxy (S3) and ElasticMQ (SQS) in this
 * JVM, dynalite (DynamoDB) in a Node.js child process. They accept the access key {@link #ACCESS_KEY} and
 * secret {@link #SECRET_KEY} in region {@link #REGION}.
 */
public final class LocalServices implements AutoCloseable {

  public static final String ACCESS_KEY = "test";
  public static final String SECRET_KEY = "test";
  public static final String REGION = "us-east-1";

  private static LocalServices shared;

  private final DynaliteServer dynamoDb;
  private final S3Server s3;
  private final SqsServer sqs;
  private boolean closed;

  private LocalServices(DynaliteServer dynamoDb, S3Server s3, SqsServer sqs) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.sqs = sqs;
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

  /** One set of servers per JVM, started on first use and stopped when the JVM exits (for tests). */
  public static synchronized LocalServices shared() {
    if (shared == null) {
      shared = start(Options.ephemeral());
    }
    return shared;
  }

  public static LocalServices start(Options o) {
    CompletableFuture<DynaliteServer> dynamoDb = CompletableFuture.supplyAsync(
        () -> DynaliteServer.start(o.dynamoDbPort(), o.dataDir().map(d -> d.resolve("dynamodb")), o.logDir()));
    CompletableFuture<S3Server> s3 = CompletableFuture.supplyAsync(
        () -> S3Server.start(o.s3Port(), o.dataDir().map(d -> d.resolve("s3")), ACCESS_KEY, SECRET_KEY));
    CompletableFuture<SqsServer> sqs = CompletableFuture.supplyAsync(() -> SqsServer.start(o.sqsPort()));
    try {
      CompletableFuture.allOf(dynamoDb, s3, sqs).join();
    } catch (RuntimeException e) {
      for (CompletableFuture<? extends AutoCloseable> f : List.of(dynamoDb, s3, sqs)) {
        f.thenAccept(LocalServices::closeQuietly);
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    LocalServices services = new LocalServices(dynamoDb.join(), s3.join(), sqs.join());
    Runtime.getRuntime().addShutdownHook(new Thread(services::close, "local-services-stop"));
    return services;
  }

  public URI dynamoDbEndpoint() {
    return endpoint(dynamoDb.port());
  }

  public URI s3Endpoint() {
    return endpoint(s3.port());
  }

  public URI sqsEndpoint() {
    return endpoint(sqs.port());
  }

  /** The process id of the DynamoDB server, the one server in a process of its own. */
  public long dynamoDbPid() {
    return dynamoDb.pid();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (AutoCloseable server : new AutoCloseable[] {s3, sqs, dynamoDb}) {
      closeQuietly(server);
    }
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
