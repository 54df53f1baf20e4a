package dev.todo.services;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scalikejdbc.ConnectionPool$;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

/**
 * ElasticMQ's SQS API in this JVM on 127.0.0.1. Queues and messages live in memory, or, with a directory, also in
 * an H2 database there (ElasticMQ's SQL persistence): every send, receive and delete is stored before SQS answers
 * (a move to a dead-letter queue too, through {@link DeadLetterMoves}), and a restart restores the queues with their
 * messages before the API opens.
 */
final class SqsServer implements AutoCloseable {

  private static final String H2_DRIVER = "org.h2.Driver";
  private static final FiniteDuration RESTORE_TIMEOUT = FiniteDuration.apply(60, TimeUnit.SECONDS);

  private final SQSRestServer server;
  private final ActorSystem system;

  private SqsServer(SQSRestServer server, ActorSystem system) {
    this.server = server;
    this.system = system;
  }

  /**
   * Binds the logging and creates the actor system the next server will run on, on a thread of its own: half of
   * ElasticMQ's start (0.4 s of CPU: Pekko reads its configuration and starts its dispatchers), whatever its options.
   */
  static void prepare() {
    PREPARED.compareAndSet(null, CompletableFuture.supplyAsync(() -> {
      ServerLogging.bind();
      return newActorSystem();
    }));
  }

  private static final AtomicReference<CompletableFuture<ActorSystem>> PREPARED = new AtomicReference<>();

  private static ActorSystem newActorSystem() {
    // this JVM's own shutdown hooks stop the server; Pekko's would race them and warn
    System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    return ActorSystem.create("elasticmq");
  }

  static SqsServer start(int port, Optional<Path> dir) {
    CompletableFuture<ActorSystem> prepared = PREPARED.getAndSet(null);
    ActorSystem actors = prepared == null ? newActorSystem() : prepared.join();
    TheSQSRestServerBuilder configured = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
        .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).withActorSystem(actors);
    if (dir.isPresent()) {
      String url = h2Url(dir.get());
      // ElasticMQ keeps its database in scalikejdbc's one process-wide pool, set only once: point it at this directory
      ConnectionPool$.MODULE$.singleton(url, "", "", ConnectionPool$.MODULE$.singleton$default$4(),
          ConnectionPool$.MODULE$.DEFAULT_CONNECTION_POOL_FACTORY());
      ActorRef store = actors.actorOf(Props.create(SqlQueuePersistenceActor.class, () -> new SqlQueuePersistenceActor(
          new SqlQueuePersistenceConfig(true, H2_DRIVER, url, "", "", false),
          scala.collection.immutable.List$.MODULE$.empty())));
      ActorRef listener = actors.actorOf(DeadLetterMoves.props(store));
      ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class,
          () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(listener))));
      returnInFlight(url);
      restore(listener, queues);
      configured = configured.withQueueManagerActor(queues).withQueueEventListener(listener);
    }
    SQSRestServer server = configured.start();
    server.waitUntilStarted();
    return new SqsServer(server, actors);
  }

  /** The database, written through at once: a message SQS acknowledged survives a kill -9 of this JVM. */
  private static String h2Url(Path dir) {
    try {
      Class.forName(H2_DRIVER);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("H2 is missing from the classpath", e);
    }
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("elasticmq") + ";WRITE_DELAY=0";
  }

  /**
   * Makes the messages that were in flight when the last run stopped visible again: whatever received them ran in that
   * run and died with it (a kill -9, a crash), so nothing will delete them, and waiting out their visibility timeout
   * would only keep the work waiting (16 minutes for an export's or a continuation's). A message sent with a delay and
   * not received since keeps its delay. ElasticMQ's SQL
   * persistence keeps each queue's messages in a table {@code message_<queue>_<hash>}, with {@code next_delivery} in
   * epoch milliseconds.
   */
  private static void returnInFlight(String url) {
    long now = System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "MESSAGE\\_%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        try (PreparedStatement update = c.prepareStatement("update \"" + table.replace("\"", "\"\"")
            + "\" set next_delivery = ? where receive_count > 0 and next_delivery > ?")) {
          update.setLong(1, now);
          update.setLong(2, now);
          update.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the stored SQS messages could not be read: " + e.getMessage(), e);
    }
  }

  /** Recreates the stored queues and their messages, before any request can create one of them first. */
  private static void restore(ActorRef store, ActorRef queues) {
    try {
      Object restore = Class.forName("org.elasticmq.actor.queue.QueueEvent$Restore").getConstructor(ActorRef.class)
          .newInstance(queues);
      Object result = Await.result(Patterns.ask(store, restore, RESTORE_TIMEOUT.toMillis()), RESTORE_TIMEOUT);
      if (result instanceof scala.util.Left<?, ?> errors) {
        throw new IllegalStateException("the stored SQS queues could not be restored: " + errors.value());
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this ElasticMQ has no queue restore", e);
    } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
      throw new IllegalStateException("restoring the stored SQS queues took over " + RESTORE_TIMEOUT, e);
    }
  }

  @Override
  public void close() {
    server.stopAndWait();
    system.terminate(); // given to the server, so the server leaves it running
  }
}
