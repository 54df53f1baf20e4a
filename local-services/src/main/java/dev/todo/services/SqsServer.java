package dev.todo.services;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ's SQS API in this JVM on 127.0.0.1; queues and messages live in memory. */
final class SqsServer implements AutoCloseable {

  private final SQSRestServer server;
  private final int port;

  private SqsServer(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static SqsServer start(int wantedPort) {
    int port = Ports.choose(wantedPort, "SQS");
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
        .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
        .start();
    server.waitUntilStarted();
    return new SqsServer(server, port);
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
