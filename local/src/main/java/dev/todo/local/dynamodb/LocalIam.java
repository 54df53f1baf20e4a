package dev.todo.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.aws.ServiceFunction;
import dev.todo.aws.StackLayout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions' DynamoDB grants as the stack gives them ({@link ServiceFunction#accesses()}), checked on every call a
 * function makes through the local DynamoDB: a call its role would not allow on AWS is refused here as AWS refuses it,
 * so a grant the stack lacks fails the local tests instead of the first deploy. Each function reaches the proxy under
 * a path of its own ({@link #pathOf}); calls under no such path (the tests', the status page's) are not checked.
 */
public final class LocalIam {

  private static final String PREFIX = "/fn/";
  private final Map<String, ServiceFunction.Resource> tables;
  private final String region;
  /** Each local function's grants, as "RESOURCE action"; locally one API function serves what four do on AWS. */
  private final Map<String, Set<String>> grants = new HashMap<>();

  public LocalIam(StackLayout layout, String region) {
    this.tables = Map.of(layout.table(), ServiceFunction.Resource.TODO_TABLE,
        layout.importsTable(), ServiceFunction.Resource.JOURNAL_TABLE);
    this.region = region;
    for (ServiceFunction f : ServiceFunction.values()) {
      Set<String> granted = grants.computeIfAbsent(f.localName(), name -> new HashSet<>());
      f.accesses().forEach(a -> a.resources().forEach(r -> a.actions().forEach(action -> granted.add(r + " " + action))));
    }
  }

  /** The endpoint path under which {@code function} (a local function name) calls DynamoDB. */
  static String pathOf(String function) {
    return PREFIX + function;
  }

  /** The local function a request path names, and the path to forward without it. */
  record Caller(Optional<String> function, String path) {
    static Caller of(String path) {
      if (!path.startsWith(PREFIX)) {
        return new Caller(Optional.empty(), path);
      }
      String rest = path.substring(PREFIX.length());
      int slash = rest.indexOf('/');
      return slash < 0 ? new Caller(Optional.of(rest), "/")
          : new Caller(Optional.of(rest.substring(0, slash)), rest.substring(slash));
    }
  }

  /** AWS's answer to a call the function's role does not allow, if it does not. */
  Optional<String> refusal(String function, String operation, JsonNode request) {
    Set<String> granted = grants.getOrDefault(function, Set.of());
    String action = "dynamodb:" + operation;
    for (String table : DynamoDbRequests.tablesOf(request)) {
      ServiceFunction.Resource resource = tables.get(table);
      if (resource == null) {
        continue;
      }
      ServiceFunction.Resource asked = resource == ServiceFunction.Resource.JOURNAL_TABLE && request.has("IndexName")
          ? ServiceFunction.Resource.JOURNAL_INDEXES : resource;
      if (!granted.contains(asked + " " + action)) {
        String arn = "arn:aws:dynamodb:" + region + ":000000000000:table/" + table
            + (asked == ServiceFunction.Resource.JOURNAL_INDEXES ? "/index/" + request.path("IndexName").asText() : "");
        return Optional.of("User: arn:aws:sts::000000000000:assumed-role/" + function + "Role/" + function
            + " is not authorized to perform: " + action + " on resource: " + arn
            + " because no identity-based policy allows the " + action + " action (ServiceFunction's accesses)");
      }
    }
    return Optional.empty();
  }
}
