package dev.todo.services.sqs;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** Runs ElasticMQ's SQS API on 127.0.0.1 at the given port until the process is stopped. */
public final class ElasticMqServer {

  private ElasticMqServer() {
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
        .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
        .start();
    server.waitUntilStarted();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndWait));
    System.out.println("ElasticMQ listening on http://127.0.0.1:" + port);
  }
}
