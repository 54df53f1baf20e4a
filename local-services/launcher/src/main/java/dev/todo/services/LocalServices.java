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
 * DynamoDB Local, S3Proxy and ElasticMQ on 127.0.0.1, each in its own JVM, started in parallel.
 * They accept the access key {@link #ACCESS_KEY} and secret {@link #SECRET_KEY} in region {@link #REGION}.
 */
public final class LocalServices implements AutoCloseable {

  public static final String ACCESS_KEY = "test";
  public static final String SECRET_KEY = "test";
  public static final String REGION = "us-east-1";

  private static LocalServices shared;

  private final ServerProcess dynamoDb;
  private final ServerProcess s3;
  private final ServerProcess sqs;

  private LocalServices(ServerProcess dynamoDb, ServerProcess s3, ServerProcess sqs) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.sqs = sqs;
  }

  /** Where the servers keep their data: in memory, or under a directory that outlives them. */
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

  public static LocalServices start(Options options) {
    CompletableFuture<ServerProcess> dynamoDb = CompletableFuture.supplyAsync(() -> startDynamoDb(options));
    CompletableFuture<ServerProcess> s3 = CompletableFuture.supplyAsync(() -> startS3(options));
    CompletableFuture<ServerProcess> sqs = CompletableFuture.supplyAsync(() -> startSqs(options));
    try {
      CompletableFuture.allOf(dynamoDb, s3, sqs).join();
    } catch (RuntimeException e) {
      for (CompletableFuture<ServerProcess> f : List.of(dynamoDb, s3, sqs)) {
        f.thenAccept(ServerProcess::close);
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    LocalServices services = new LocalServices(dynamoDb.join(), s3.join(), sqs.join());
    // the servers are child processes: they must not outlive this JVM, however it ends
    Runtime.getRuntime().addShutdownHook(new Thread(services::close, "local-services-stop"));
    return services;
  }

  public URI dynamoDbEndpoint() {
    return endpoint(dynamoDb);
  }

  public URI s3Endpoint() {
    return endpoint(s3);
  }

  public URI sqsEndpoint() {
    return endpoint(sqs);
  }

  public List<ServerProcess> processes() {
    return List.of(dynamoDb, s3, sqs);
  }

  @Override
  public void close() {
    for (ServerProcess p : processes()) {
      p.close();
    }
  }

  private static URI endpoint(ServerProcess p) {
    return URI.create("http://127.0.0.1:" + p.port());
  }

  private static int port(int wanted, String service) {
    if (wanted == 0) {
      return ServerProcess.freePort();
    }
    if (!ServerProcess.isFree(wanted)) {
      throw new IllegalStateException("port " + wanted + " for the local " + service + " server is in use: stop what "
          + "holds it or choose another port");
    }
    return wanted;
  }

  private static ServerProcess startDynamoDb(Options o) {
    int port = port(o.dynamoDbPort(), "DynamoDB");
    String nativeDir = ServerProcess.classpath("dynamodb").stream()
        .filter(e -> e.contains("libsqlite4java-linux-" + nativeArch())).map(e -> Path.of(e).getParent().toString())
        .findFirst().orElseThrow(() -> new IllegalStateException("no sqlite4java native library for " + nativeArch()));
    List<String> storage = o.dataDir().map(d -> List.of("-dbPath", mkdirs(d.resolve("dynamodb")).toString()))
        .orElse(List.of("-inMemory"));
    List<String> args = new java.util.ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
    args.addAll(storage);
    return ServerProcess.start("dynamodb", "software.amazon.dynamodb.services.local.main.ServerRunner",
        List.of("-Xmx1g", "-Dsqlite4java.library.path=" + nativeDir), args, port, o.logDir());
  }

  private static ServerProcess startS3(Options o) {
    int port = port(o.s3Port(), "S3");
    String storage = o.dataDir().map(d -> "jclouds.provider=filesystem\njclouds.filesystem.basedir="
        + mkdirs(d.resolve("s3")) + "\n").orElse("jclouds.provider=transient\n");
    String properties = "s3proxy.endpoint=http://127.0.0.1:" + port + "\n"
        + "s3proxy.authorization=aws-v2-or-v4\n"
        + "s3proxy.identity=" + ACCESS_KEY + "\n"
        + "s3proxy.credential=" + SECRET_KEY + "\n"
        + "jclouds.identity=" + ACCESS_KEY + "\n"
        + "jclouds.credential=" + SECRET_KEY + "\n"
        + storage;
    Path file = o.logDir().resolve("s3proxy.properties");
    try {
      Files.createDirectories(o.logDir());
      Files.writeString(file, properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ServerProcess.start("s3", "org.gaul.s3proxy.Main", List.of("-Xmx256m"),
        List.of("--properties", file.toString()), port, o.logDir());
  }

  private static ServerProcess startSqs(Options o) {
    int port = port(o.sqsPort(), "SQS");
    return ServerProcess.start("sqs", "dev.todo.services.sqs.ElasticMqServer", List.of("-Xmx256m"),
        List.of(Integer.toString(port)), port, o.logDir());
  }

  private static String nativeArch() {
    String arch = System.getProperty("os.arch");
    return arch.equals("aarch64") ? "aarch64" : "amd64";
  }

  private static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
