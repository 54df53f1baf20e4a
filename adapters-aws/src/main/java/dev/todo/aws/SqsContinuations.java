package dev.todo.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.domain.MalformedMessageException;
import dev.todo.domain.ObjectRef;
import dev.todo.domain.ObjectRefJson;
import dev.todo.ports.Continuations;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Schedules an import's next turn as a message on the control queue, delayed as asked; {@code ImportContinuation}
 * takes it. The message names the object and, for a run going on, the run.
 */
public final class SqsContinuations implements Continuations {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 2;

  private final SqsClient sqs;
  private final String controlQueueUrl;

  public SqsContinuations(SqsClient sqs, String controlQueueUrl) {
    this.sqs = sqs;
    this.controlQueueUrl = controlQueueUrl;
  }

  @Override
  public void schedule(Turn turn, Duration delay) {
    int seconds = (int) Math.min(MAX_DELAY.toSeconds(), Math.max(0, (delay.toMillis() + 999) / 1000));
    sqs.sendMessage(r -> r.queueUrl(controlQueueUrl).messageBody(encode(turn)).delaySeconds(seconds));
  }

  static String encode(Turn turn) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", VERSION);
    ObjectRefJson.write(root, turn.source());
    turn.run().ifPresent(run -> root.put("run", run));
    return root.toString();
  }

  /**
   * The turn a control message holds. A checkpoint from before turns (version 1) is a look again: the journal has no
   * checkpoint of that import, so it is read again from its start, each row counted once.
   */
  public static Turn decode(String body) throws MalformedMessageException {
    JsonNode r;
    try {
      r = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("control message is not JSON: " + e.getOriginalMessage(), e);
    }
    int version = r == null ? 0 : r.path("v").asInt();
    Optional<ObjectRef> source = r == null ? Optional.empty() : ObjectRefJson.read(r);
    if ((version != 1 && version != VERSION) || source.isEmpty() || (r.has("run") && !r.get("run").isTextual())) {
      throw new MalformedMessageException("not a control message: " + body);
    }
    return new Turn(source.get(), version == VERSION ? Optional.ofNullable(r.get("run")).map(JsonNode::asText) : Optional.empty());
  }
}
