package dev.todo.services;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ's SQS API in this JVM on 127.0.0.1; queues and messages live in memory. */
final class SqsServer implements AutoCloseable {

  private final SQSRestServer server;

  private SqsServer(SQSRestServer server) {
    this.server = server;
  }

  static SqsServer start(int port) {
    // this JVM's own shutdown hooks stop the server; Pekko's would race them and warn
    System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
        .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
        .start();
    server.waitUntilStarted();
    return new SqsServer(server);
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
