package dev.todo.services;

import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.elasticmq.actor.queue.QueueEvent;

/**
 * Stands between ElasticMQ's queues and its SQL store and makes a move to a dead-letter queue durable. ElasticMQ
 * 1.6.11 drops the events of a long-polling receive that returns nothing, and a receive that moves a message over
 * its receive count to the dead-letter queue returns nothing for it: the store adds the message to the dead-letter
 * queue but never removes it from its source, so a restart brings it back there, and its next receive moves it to the
 * dead-letter queue again (even after it was redriven and written). A moved message keeps its id and names its
 * source queue, so this listener removes it from the source's table before it stores the addition.
 */
final class DeadLetterMoves extends AbstractActor {

  private final ActorRef store;

  private DeadLetterMoves(ActorRef store) {
    this.store = store;
  }

  static Props props(ActorRef store) {
    return Props.create(DeadLetterMoves.class, () -> new DeadLetterMoves(store));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(QueueEvent.MessageAdded.class, added -> {
          if (added.message().deadLetterSourceQueueName().isDefined()) { // before the addition: the store takes them in order
            store.tell(new QueueEvent.MessageRemoved(added.message().deadLetterSourceQueueName().get(), added.message().id()),
                getSelf());
          }
          store.forward(added, getContext());
        })
        .matchAny(message -> {
          if (!getSender().equals(store)) { // the store's answers to our own removals end here
            store.forward(message, getContext());
          }
        })
        .build();
  }
}
