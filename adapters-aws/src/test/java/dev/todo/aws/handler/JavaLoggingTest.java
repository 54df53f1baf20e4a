package dev.todo.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JavaLoggingTest {

  @Test
  void whatTheAdaptersLogThroughJavaLoggingBecomesOneJsonLineEach() throws Exception {
    Logger root = Logger.getLogger("");
    Handler[] before = root.getHandlers();
    List<String> lines = new ArrayList<>();
    try {
      JsonLog.routeJavaLogging(lines::add);
      Logger.getLogger("dev.todo.usecase.RowWriter").warning(() -> "5845 row(s) left unwritten at the invocation's deadline");
      Logger.getLogger("dev.todo.aws.SqsRowQueue").log(java.util.logging.Level.INFO, "sent {0} of {1}", new Object[] {3, 4});
      Logger.getLogger("dev.todo.aws.SqsRowQueue").fine("below the root's level: not written");
    } finally {
      for (Handler h : root.getHandlers()) {
        root.removeHandler(h);
      }
      for (Handler h : before) {
        root.addHandler(h);
      }
    }
    assertThat(lines).hasSize(2);
    JsonNode warning = new ObjectMapper().readTree(lines.get(0));
    assertThat(warning.get("level").asText()).isEqualTo("WARN");
    assertThat(warning.get("logger").asText()).isEqualTo("dev.todo.usecase.RowWriter");
    assertThat(warning.get("message").asText()).isEqualTo("5845 row(s) left unwritten at the invocation's deadline");
    assertThat(warning.has("timestamp")).isTrue();
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("message").asText()).isEqualTo("sent 3 of 4");
  }
}
