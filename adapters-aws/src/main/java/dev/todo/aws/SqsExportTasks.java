package dev.todo.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.MalformedMessageException;
import dev.todo.ports.ExportTasks;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends export tasks as messages on the export queue ({@code {"exportId":…,"segment":…}}); {@code ExportWorker} runs them. */
public final class SqsExportTasks implements ExportTasks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<SqsClient> sqs;
  private final String queueUrl;

  public SqsExportTasks(SqsClient sqs, String queueUrl) {
    this(() -> sqs, queueUrl);
  }

  /** With the client made on first send: the API function that holds this sends only when an export starts. */
  public SqsExportTasks(Supplier<SqsClient> sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void send(ExportTask task, Duration delay) {
    int seconds = (int) Math.min(MAX_DELAY.toSeconds(), Math.max(0, delay.toSeconds()));
    sqs.get().sendMessage(r -> r.queueUrl(queueUrl).messageBody(encode(task)).delaySeconds(seconds));
  }

  public static String encode(ExportTask task) {
    try {
      return JSON.writeValueAsString(task);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a task always serializes", e);
    }
  }

  /** The task a message holds; a message that is none is a {@link MalformedMessageException}. */
  public static ExportTask decode(String body) throws MalformedMessageException {
    try {
      ExportTask task = JSON.readValue(body, ExportTask.class);
      if (task.exportId() == null || task.exportId().isBlank()) {
        throw new MalformedMessageException("an export task without an exportId: " + body);
      }
      return task;
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("not an export task: " + e.getOriginalMessage());
    }
  }
}
