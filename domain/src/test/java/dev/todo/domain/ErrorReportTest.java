package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

  private static final ImportId IMPORT = ImportId.of(ObjectRef.of("bucket", "import/report.csv", "etag"));

  @Test
  void aRejectedRowIsListedWithItsOriginalValuesUnderTheFilesHeader() {
    ErrorReport report = ErrorReport.forColumns(List.of("name", "completed", "notes"));
    report.add(new RowOutcome.Rejected(7, "completed", "'maybe' is not a boolean", List.of("Plan, offsite", "maybe",
        "said \"soon\"\nor later")));
    report.add(new RowOutcome.Rejected(9, "", "row is longer than 1048576 characters"));

    assertThat(report.complete(2)).isEqualTo("line,column,reason,name,completed,notes\n"
        + "7,completed,'maybe' is not a boolean,\"Plan, offsite\",maybe,\"said \"\"soon\"\"\nor later\"\n"
        + "9,,row is longer than 1048576 characters\n");
  }

  @Test
  void aReportStopsListingAtItsCapsAndSaysHowManyRowsItLeftOut() {
    ErrorReport report = ErrorReport.forColumns(List.of("name"));
    String big = "x".repeat(300_000);
    int added = 0;
    while (report.partial().length() < ErrorReport.MAX_CHARS) {
      report.add(new RowOutcome.Rejected(added + 2, "", "too big", List.of(big)));
      added++;
    }
    report.add(new RowOutcome.Rejected(added + 2, "", "too big", List.of(big)));

    assertThat(report.listed()).isEqualTo(added);
    assertThat(report.partial().length()).isLessThan(ErrorReport.MAX_CHARS + 400_000);
    assertThat(report.complete(added + 5)).endsWith("\n,,5 more rejected rows are not listed,\n");
    assertThat(report.partial()).doesNotContain("more rejected rows"); // the note is not part of what continues
  }

  @Test
  void aContinuedReportCountsTheRowsItAlreadyLists() {
    ErrorReport first = ErrorReport.forColumns(List.of("name"));
    first.add(new RowOutcome.Rejected(2, "name", "blank", List.of("")));
    first.add(new RowOutcome.Rejected(3, "", "odd", List.of("two\nlines")));

    ErrorReport continued = ErrorReport.continuing(List.of("name"), first.partial(), 4);
    continued.add(new RowOutcome.Rejected(4, "name", "blank", List.of(" ")));

    assertThat(continued.listed()).isEqualTo(3);
    assertThat(continued.partial()).startsWith(first.partial()).endsWith("4,name,blank, \n");
    assertThat(ErrorReport.continuing(List.of("name"), "", 4).partial()).isEqualTo("line,column,reason,name\n");
  }

  @Test
  void aContinuedReportDropsTheRowsFromItsCheckpointOnForTheRunGoingOnReadsThemAgain() {
    ErrorReport written = ErrorReport.forColumns(List.of("name"));
    written.add(new RowOutcome.Rejected(2, "name", "blank", List.of("")));
    ErrorReport.Mark checkpoint = written.mark();
    written.add(new RowOutcome.Rejected(7, "", "odd", List.of("two\nlines")));
    written.add(new RowOutcome.Rejected(9, "name", "blank", List.of(" ")));

    // the run wrote rows 7 and 9 and died before it recorded the checkpoint at line 5 that it had paused at before
    ErrorReport continued = ErrorReport.continuing(List.of("name"), written.complete(12), 5);
    written.reset(checkpoint);

    assertThat(continued.partial()).isEqualTo(written.partial());
    assertThat(continued.listed()).isEqualTo(1);
  }

  @Test
  void aReportUploadedAgainIsReadWithoutItsOwnColumnsOrItsNote() throws Exception {
    String report = "line,column,reason,name,completed,reason\n"
        + "7,completed,'maybe' is not a boolean,Plan offsite,yes,ask Ann\n"
        + ",,3 more rejected rows are not listed,,,\n";
    TodoCsvReader reader = TodoCsvReader.open(new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)), IMPORT, 1);
    List<RowOutcome> rows = new ArrayList<>();
    for (Optional<RowOutcome> row = reader.next(); row.isPresent(); row = reader.next()) {
      rows.add(row.get());
    }

    assertThat(reader.header().isReport()).isTrue();
    assertThat(reader.header().fileColumns()).containsExactly("name", "completed", "reason");
    assertThat(rows).hasSize(1);
    Todo todo = ((RowOutcome.Accepted) rows.get(0)).row().todo();
    assertThat(todo.name()).isEqualTo("Plan offsite");
    assertThat(todo.completed()).isTrue();
    assertThat(todo.attributes()).containsExactly(java.util.Map.entry("reason", "ask Ann")); // the file's own column
  }

  @Test
  void theRowsOfAReportUploadedAgainAreReportedWithoutTheOldReportsColumns() throws Exception {
    String report = "line,column,reason,name,completed\n7,completed,bad,Plan offsite,perhaps\n";
    TodoCsvReader reader = TodoCsvReader.open(new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)), IMPORT, 1);
    RowOutcome.Rejected rejected = (RowOutcome.Rejected) reader.next().orElseThrow();

    assertThat(rejected.values()).containsExactly("Plan offsite", "perhaps");
  }
}
