package dev.todo.local.cli;

import dev.todo.aws.AwsClients;
import dev.todo.aws.StackLayout;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code up} prints once the local cloud answers. */
public final class Banner {

  private Banner() {
  }

  /** What a person needs to use {@code cloud}: endpoints, names and commands to paste. */
  public static List<String> lines(LocalCloud cloud, Optional<Path> dataDir, Path functionLog) {
    int apiPort = cloud.apiEndpoint().getPort();
    String which = dataDir.map(d -> " --data-dir " + d)
        .orElse(apiPort == Options.API_PORT ? "" : " --api-port " + apiPort);
    AwsClients.Endpoints endpoints = cloud.endpoints();
    StackLayout layout = cloud.layout();
    List<String> lines = new ArrayList<>();
    lines.add("Local cloud is up (no Docker, no AWS account):");
    lines.add("  REST API      " + cloud.apiEndpoint() + "   (GET/POST /todo, GET/PATCH/DELETE /todo/{id}, GET/POST /imports, GET /imports/{id}, GET/POST /exports, GET /exports/{id})");
    lines.add("  status page   " + cloud.statusPage() + "   (imports, queues, invocations and metrics, live; redrive)");
    lines.add("  S3            " + endpoints.s3() + "   bucket " + layout.bucket() + " (uploads under import/ are imported)");
    lines.add("  SQS           " + endpoints.sqs() + "   queue " + cloud.queueUrl());
    lines.add("                dead-letter queue " + cloud.deadLetterQueueUrl() + " (after " + layout.rows().maxReceiveCount() + " receives)");
    lines.add("  DynamoDB      " + endpoints.dynamoDb() + "   tables " + layout.table() + ", " + layout.importsTable());
    lines.add("  events        bus " + layout.eventBus() + " (todoCreated, todoCompleted, todoDeleted, importCompleted); "
        + "mails in " + cloud.events().outbox());
    lines.add("  logs          " + functionLog + "   (every function's JSON log line; --verbose shows them here too)");
    lines.add("  credentials   access key " + endpoints.accessKey() + ", secret key " + endpoints.secretKey()
        + ", region " + endpoints.region());
    lines.add("Try:");
    lines.add("  export " + AwsClients.shellExports(endpoints));
    lines.add("  aws --endpoint-url " + endpoints.s3() + " s3 cp samples/todos.csv s3://" + layout.bucket() + "/import/");
    lines.add("  aws --endpoint-url " + endpoints.dynamoDb() + " dynamodb scan --table-name " + layout.table());
    lines.add("  curl " + cloud.apiEndpoint() + "/todo");
    lines.add("  curl -X POST " + cloud.apiEndpoint() + "/todo -H 'Content-Type: application/json' -d '{\"name\":\"try the API\"}'");
    lines.add("  java -jar local/target/todo-local.jar import samples/todos.csv" + which
        + "     (also: export, status IMPORT_ID|FILE, list, events, redrive)");
    return lines;
  }
}
