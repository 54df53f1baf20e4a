package dev.todo.aws.handler;

import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The handler tests' local stack, for tests in other packages. */
public final class LocalStackAccess {

  public static final String BUCKET = LocalStack.BUCKET;

  private final LocalStack stack;

  private LocalStackAccess(LocalStack stack) {
    this.stack = stack;
  }

  public static LocalStackAccess create() {
    return new LocalStackAccess(new LocalStack(Map.of()));
  }

  public Map<String, String> env() {
    return stack.env;
  }

  /** Uploads an object and returns its ETag. */
  public String upload(String key, String content) {
    return stack.s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(content)).eTag().replace("\"", "");
  }

  public int queuedMessages() {
    return Integer.parseInt(stack.sqs.getQueueAttributes(r -> r.queueUrl(stack.queueUrl)
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }
}
