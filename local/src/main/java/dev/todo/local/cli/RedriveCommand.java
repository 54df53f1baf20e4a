package dev.todo.local.cli;

import dev.todo.aws.AwsClients;
import dev.todo.local.DeadLetters;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code redrive}: moves the dead-letter queue's messages back to the import queue. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
    description = "Move the dead-letter queue's messages back to the import queue.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:every message in the dead-letter queue was moved (it says how"
        + " many are still in flight in the import queue: those on their last try come to the dead-letter queue when"
        + " their visibility timeout ends)", "2:a bad command line, or no local cloud running"})
final class RedriveCommand extends RunningCloud implements Callable<Integer> {
  @Override
  public Integer call() {
    Map<String, String> state = state();
    SqsClient sqs = new AwsClients(RunningCloud.endpoints(state)).sqs();
    int moved = DeadLetters.moveAll(sqs, state.get("deadLetterQueue"), state.get("queue"));
    System.out.println("moved " + moved + " message(s) from the dead-letter queue back to the import queue");
    String inFlight = sqs.getQueueAttributes(r -> r.queueUrl(state.get("queue"))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
        .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    if (!inFlight.equals("0")) {
      System.out.println(inFlight + " message(s) are in flight in the import queue: any on its last try comes to the dead-letter"
          + " queue when its visibility timeout ends; run redrive again then if the import still counts failed rows");
    }
    return 0;
  }
}
