package dev.todo.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

  @Test
  void everyCommandsHelpListsItsExitCodes() {
    for (String command : List.of("up", "import", "export", "status", "list", "redrive", "events", "self-test")) {
      StringWriter out = new StringWriter();
      CommandLine cli = Cli.commandLine();
      cli.setOut(new PrintWriter(out));
      assertThat(cli.execute(command, "--help")).as(command).isZero();
      assertThat(out.toString()).as(command).contains("Exit codes:").containsPattern("(?m)^\\s+(0|130)\\s") // up runs until stopped: 130 after Ctrl-C
          .containsPattern("(?m)^\\s+2\\s");
    }
  }

  @Test
  void eventsLineUpTheirTodosNamesWhateverTheIdsLength() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    String shortId = EventsCommand.line(json.readTree("{\"time\":\"2026-12-07T22:39:46Z\",\"detail-type\":\"todoCreated\","
        + "\"detail\":{\"todoId\":\"TODO-42\",\"name\":\"Renew\\npassport\",\"importId\":\"i-1\"}}"));
    String uuid = EventsCommand.line(json.readTree("{\"time\":\"2026-12-07T22:39:46Z\",\"detail-type\":\"todoCompleted\","
        + "\"detail\":{\"todoId\":\"0ec878ee-b94d-3fa8-bbba-24568ceaef43\",\"name\":\"Buy milk\"}}"));
    assertThat(shortId).endsWith("Renew passport  (import i-1)");
    assertThat(shortId.indexOf("Renew")).isEqualTo(uuid.indexOf("Buy milk"));
  }

  @Test
  void upCountsItsStartFromTheCommandTheUserRanNotFromTheChildJvm() {
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    assertThat(FastStart.commandStarted()).isEqualTo(jvmStart); // no parent: this JVM is the command
    System.setProperty("todo.local.started", Long.toString(jvmStart - 400));
    try {
      assertThat(FastStart.commandStarted()).isEqualTo(jvmStart - 400); // the parent's start, as it tells its child
    } finally {
      System.clearProperty("todo.local.started");
    }
  }

  @Test
  void importWaitsAsLongAsItIsToldInTheUnitsAPersonWrites() {
    WaitConverter convert = new WaitConverter();
    assertThat(convert.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(convert.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(convert.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(convert.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
    StringWriter err = new StringWriter();
    CommandLine cli = Cli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("import", "x.csv", "--wait", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration such as 90s, 10m or 2h");
  }

  @Test
  void aBadFormatOptionIsABadCommandLineNamedAsTheUserGaveIt() {
    for (List<String> args : List.of(List.of("import", "x.csv", "--format", "xml"), List.of("import", "x.jsonl", "--delimiter", ";"),
        List.of("export", "--format", "xml"))) {
      StringWriter err = new StringWriter();
      CommandLine cli = Cli.commandLine();
      cli.setErr(new PrintWriter(err));
      assertThat(cli.execute(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2); // before any upload
      assertThat(err.toString()).as(args.toString()).containsAnyOf("error: --format is 'xml': use csv, tsv or jsonl",
          "error: --delimiter applies to csv and tsv files, not to JSON Lines (the extension .jsonl)");
    }
  }

  @Test
  void exportTakesItsFilterAsAPersonWritesIt() {
    ExportCommand export = new ExportCommand();
    new CommandLine(export).parseArgs("--completed", "false", "--import-id", "abc", "-o", "done.csv");
    assertThat(export.completed).contains(false);
    assertThat(export.importId).contains("abc");
    assertThat(export.output).contains(java.nio.file.Path.of("done.csv"));
    assertThat(export.format).isEqualTo("csv");
  }

  @Test
  void upTakesAVisibilityTimeoutThatSqsTakes() {
    StringWriter err = new StringWriter();
    CommandLine cli = Cli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("up", "--visibility-timeout", "13h")).isEqualTo(2); // refused before anything starts
    assertThat(err.toString()).contains("--visibility-timeout must be between 0s and 12h");
  }

  @Test
  void aFunctionsJsonLineBecomesOneShortLineOnlyWhenItMatters() {
    assertThat(TerminalLog.notable("[SqsToDynamo] {\"level\":\"INFO\",\"message\":\"rows written\",\"rows\":10}")).isEmpty();
    assertThat(TerminalLog.notable("[S3ToSqs] {\"level\":\"INFO\",\"message\":\"import abc queued read 12\","
        + "\"key\":\"import/todos.csv\"}")).contains("[S3ToSqs] import abc queued read 12  key=import/todos.csv");
    assertThat(TerminalLog.notable("[S3ToSqs] {\"level\":\"DEBUG\",\"message\":\"import abc already imported: duplicate "
        + "notification ignored\",\"key\":\"import/todos.csv\"}")).isEmpty(); // one per file at every restart
    assertThat(TerminalLog.notable("[java.util.logging] {\"level\":\"WARN\",\"logger\":\"dev.todo.usecase.RowWriter\","
        + "\"message\":\"5845 row(s) left unwritten at the invocation's deadline\"}")).isEmpty(); // the writer's own line says it
    assertThat(TerminalLog.notable("[SqsToDynamo] {\"level\":\"WARN\",\"message\":\"1 message(s) not written\","
        + "\"_aws\":{\"CloudWatchMetrics\":[" + "{},".repeat(300) + "{}]}}")).contains("[SqsToDynamo] WARN 1 message(s) not written");
    assertThat(TerminalLog.notable("[TodoStream] invocation failed: " + "x".repeat(500))).hasValueSatisfying(
        l -> assertThat(l).hasSize(Terminal.MAX_LINE).endsWith("…"));
  }

  @Test
  void withoutATerminalTheBarIsAPlainLineWhenItsStatusChanges() {
    StringWriter text = new StringWriter();
    java.io.PrintStream out = new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        text.write(b);
      }
    }, true);
    Terminal plain = new Terminal(out, false, Duration.ofHours(1));
    plain.bar("[###...] read 1  RUNNING   ", "RUNNING");
    plain.bar("[###...] read 2  RUNNING   ", "RUNNING"); // same status, within the period: not shown
    plain.line("a notice");
    plain.bar("[######] read 3  COMPLETED   ", "COMPLETED");
    plain.endBar();
    assertThat(text.toString()).isEqualTo("[###...] read 1  RUNNING\na notice\n[######] read 3  COMPLETED\n")
        .doesNotContain("\r");
  }

  @Test
  void theBarShowsTheRowsReadThatWereWrittenAndNothingForAFileThatFailed() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    String failed = ImportFollower.progress(json.readTree(
        "{\"rowsRead\":0,\"rowsQueued\":0,\"rowsWritten\":0,\"rowsRejected\":0,\"status\":\"FAILED\"}"));
    assertThat(failed).startsWith("[" + ".".repeat(30) + "]").contains("FAILED");
    String half = ImportFollower.progress(json.readTree(
        "{\"rowsRead\":12,\"rowsQueued\":10,\"rowsWritten\":6,\"rowsRejected\":2,\"status\":\"RUNNING\"}"));
    assertThat(half).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]");
  }
}
