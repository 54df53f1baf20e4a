package dev.todo.aws;

import dev.todo.domain.Checkpoint;
import dev.todo.domain.CheckpointCodec;
import dev.todo.ports.Continuations;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Schedules a paused import as a message on the control queue; {@code ImportContinuation} resumes it. */
public final class SqsContinuations implements Continuations {

  private final SqsClient sqs;
  private final String controlQueueUrl;

  public SqsContinuations(SqsClient sqs, String controlQueueUrl) {
    this.sqs = sqs;
    this.controlQueueUrl = controlQueueUrl;
  }

  @Override
  public void schedule(Checkpoint checkpoint) {
    sqs.sendMessage(r -> r.queueUrl(controlQueueUrl).messageBody(CheckpointCodec.encode(checkpoint)));
  }
}
