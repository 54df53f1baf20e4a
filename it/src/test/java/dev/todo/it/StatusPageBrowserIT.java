package dev.todo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.ImportId;
import dev.todo.domain.ObjectRef;
import dev.todo.local.LocalCloud;
import dev.todo.local.Options;
import dev.todo.services.LocalServices;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The local cloud's status page in a real browser: Debian's Chromium, headless, driven through its chromedriver.
 * A developer's afternoon: an import watched to its end and its error report downloaded, a file that fails, one
 * that dead-letters while the table is down, redriven with the page's button and watched to COMPLETED, and a
 * stream function stuck on a record while the bus refuses everything.
 */
class StatusPageBrowserIT {

  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

  static {
    // Selenium looks for DevTools support matching the browser's version and warns when it has none; this test needs none
    java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(java.util.logging.Level.OFF);
  }

  @TempDir
  Path profile;
  private LocalCloud cloud;
  private WebDriver browser;

  @BeforeEach
  void openThePage() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER + ": the status page's browser test needs "
            + "`apt-get install chromium chromium-driver` (.ci/run installs them), or CHROMIUM and CHROMEDRIVER set");
    cloud = LocalCloud.start(Options.defaults().anyFreePorts().external(LocalCloud.endpointsOf(LocalServices.shared()))
        .namesEndingWith("-" + UUID.randomUUID().toString().substring(0, 8))
        // a visibility longer than a writer's invocation, as the stack's (six times its timeout): with 1 s, a loaded
        // machine's 2 s invocations let a message be taken again while its first taker still wrote it, and after two
        // receives SQS moved the written message to the dead-letter queue (left there after the redrive: a red run)
        .dynamoDbFaults().maxReceiveCount(2).visibilityTimeout(Duration.ofSeconds(5)).maxMessageBytes(8 * 1024), line -> { });
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // as root on a closed network: no sandbox, and none of the background connections Chromium would try
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1400,1400");
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
    browser.get(cloud.statusPage().toString());
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void aDeveloperWatchesAnImportFinishAndRedrivesTheRowsThatDeadLetteredWhileTheTableWasDown() throws Exception {
    waitFor("the page's first update", Duration.ofSeconds(15), b -> b.findElement(By.id("updated")).getText().startsWith("updated"));
    assertThat(text("imports")).contains("no imports yet");

    ObjectRef first = PipelineScenarios.upload(cloud, "import/first.csv",
        (PipelineScenarios.csv(300) + "bad row,maybe\n").getBytes(StandardCharsets.UTF_8));
    Row firstRow = importRow(first, "COMPLETED_WITH_ERRORS", Duration.ofSeconds(60));
    assertThat(firstRow.cells()).startsWith("import/first.csv", "COMPLETED_WITH_ERRORS");
    assertThat(firstRow.cells()[3]).isEqualTo("301"); // read
    assertThat(firstRow.cells()[5]).isEqualTo("300"); // written
    assertThat(firstRow.cells()[6]).isEqualTo("1"); // rejected
    assertThat(firstRow.reportText()).isEqualTo("error report (1 rows)");
    java.net.http.HttpResponse<String> csv = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(firstRow.reportLink())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).contains("bad row", "maybe");
    assertThat(firstRow.written()).isCloseTo(300 / 301.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(firstRow.cells()[8]).matches("[0-9.]+ m?s"); // took: ended
    // the metrics the functions logged as EMF, read back by the local cloud as CloudWatch reads them
    waitFor("RowsWritten 300 in the metrics", Duration.ofSeconds(10), b -> "300".equals(metricSum("RowsWritten", "SqsToDynamo")));
    assertThat(this.<String>snapshot("RowsRead", Duration.ofSeconds(10), b -> metricSum("RowsRead", "S3ToSqs"))).isEqualTo("301");
    assertThat(this.<String>snapshot("RowsRejected", Duration.ofSeconds(10), b -> metricSum("RowsRejected", "S3ToSqs"))).isEqualTo("1");
    waitFor("the table's count", Duration.ofSeconds(15), b -> "300".equals(b.findElement(By.id("table")).getAttribute("data-items")));
    // invocations, then errors: one invocation per notification, and S3 may notify an upload twice (here when
    // S3Proxy drops the connection after answering the PUT, about one in a hundred, and the SDK puts it again; a CI run
    // saw "S3ToSqs 2 0"): the second finds the import done, and the rows read above stay 301
    assertThat(this.<String>snapshot("S3ToSqs's row", Duration.ofSeconds(10),
        b -> b.findElement(By.cssSelector("#functions tr[data-function='S3ToSqs']")).getText())).matches("S3ToSqs [1-9]\\d* 0 .*");

    // the events the table's stream and the journal's made (300 todoCreated and one importCompleted, which the
    // stream of the rows may overtake), and the one mail for the whole import: counted before the next upload, whose
    // own importCompleted would otherwise take the count past 301 between two of the page's updates
    waitFor("301 events and the import's mail", Duration.ofSeconds(30),
        b -> text("published").contains("301 on the bus") && text("mails").contains("Import of first.csv: COMPLETED_WITH_ERRORS"));
    assertThat(browser.findElements(By.cssSelector("#events tr[data-detail-type='todoCreated']"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#mails tr[data-mail]"))).hasSize(1);

    // a file that fails has no rows: an empty bar and its reason, in red
    ObjectRef failed = PipelineScenarios.upload(cloud, "import/no-name.csv", "title\nno name column\n".getBytes(StandardCharsets.UTF_8));
    Row failedRow = importRow(failed, "FAILED", Duration.ofSeconds(60));
    assertThat(failedRow.written()).isZero();
    assertThat(failedRow.failed()).isZero();
    assertThat(failedRow.cells()[10]).contains("name");

    cloud.faults().todoTableDown(true);
    ObjectRef second = PipelineScenarios.upload(cloud, "import/while-down.csv",
        PipelineScenarios.csv(200).getBytes(StandardCharsets.UTF_8));
    Row secondRow = importRow(second, "PARTIALLY_FAILED", Duration.ofSeconds(90));
    assertThat(secondRow.cells()[7]).isEqualTo("200"); // dead-lettered
    assertThat(secondRow.written()).isZero();
    assertThat(secondRow.failed()).isEqualTo(1.0); // all of it red
    String deadLetters = "#queues tr[data-queue='" + cloud.layout().rows().deadLetterName() + "']";
    String importQueue = "#queues tr[data-queue='" + cloud.layout().rows().name() + "']";
    // the status counts a row on its last try; SQS moves its message once that try's visibility ends: until then it is
    // in flight, and a redrive before it would leave it to reach the dead-letter queue afterwards
    waitFor("every dead letter moved", Duration.ofSeconds(60), b -> !"0".equals(b.findElement(By.cssSelector(deadLetters)).getAttribute("data-visible"))
        && "0".equals(b.findElement(By.cssSelector(importQueue)).getAttribute("data-visible"))
        && "0".equals(b.findElement(By.cssSelector(importQueue)).getAttribute("data-in-flight")));
    waitFor("the dead-letter queue in red", Duration.ofSeconds(10),
        b -> b.findElement(By.cssSelector(deadLetters)).findElement(By.cssSelector("td.alert")).isDisplayed());

    cloud.faults().todoTableDown(false);
    browser.findElement(By.id("redrive")).click();
    waitFor("the redrive's answer", Duration.ofSeconds(30), b -> b.findElement(By.id("redrive-result")).getText().startsWith("moved "));
    assertThat(browser.findElement(By.id("redrive-result")).getText()).matches("moved [1-9][0-9]* message\\(s\\) back to the import queue");
    Row redriven = importRow(second, "COMPLETED", Duration.ofSeconds(60));
    assertThat(redriven.cells()[5]).isEqualTo("200");
    assertThat(redriven.cells()[7]).isEqualTo("0");
    waitFor("the dead-letter queue empty", Duration.ofSeconds(10), b -> "0".equals(b.findElement(By.cssSelector(deadLetters)).getAttribute("data-visible")));
    waitFor("RowsWritten 500 in the metrics", Duration.ofSeconds(10), b -> "500".equals(metricSum("RowsWritten", "SqsToDynamo")));

    // a stream function that fails on the same record again and again is called stuck, with the record and why
    assertThat(this.<String>snapshot("the stuck section", Duration.ofSeconds(10), b -> b.findElement(By.id("stuck")).isDisplayed() ? "shown" : "hidden"))
        .isEqualTo("hidden");
    cloud.events().refuse(1.0);
    java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(cloud.apiEndpoint() + "/todo")).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"held back\"}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    String todoId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("todoId").asText();
    String[] stuck = snapshot("TodoStream shown stuck", Duration.ofSeconds(60), b -> {
      List<WebElement> rows = b.findElements(By.cssSelector("#stuck tr[data-stuck='TodoStream']"));
      return rows.isEmpty() || !b.findElement(By.id("stuck")).isDisplayed() ? null : cells(rows.get(0));
    });
    assertThat(stuck[1]).contains(todoId);
    assertThat(stuck[3]).contains("InternalFailure");
    cloud.events().refuse(0);
    waitFor("TodoStream no longer stuck", Duration.ofSeconds(60), b -> !b.findElement(By.id("stuck")).isDisplayed());

    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), Path.of("target", "status-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** An import's row as the page showed it at one moment: its cells, its bar's two shares, its report link. */
  private record Row(String[] cells, double written, double failed, String reportLink, String reportText) {
  }

  /** The import's row once it shows {@code status}, read whole between two of the page's refreshes. */
  private Row importRow(ObjectRef ref, String status, Duration timeout) {
    String row = "#imports tr[data-import-id='" + ImportId.of(ref).value() + "'][data-status='" + status + "']";
    return snapshot(ref.key() + " " + status, timeout, b -> {
      List<WebElement> found = b.findElements(By.cssSelector(row));
      if (found.size() != 1) {
        return null;
      }
      WebElement r = found.get(0);
      List<WebElement> links = r.findElements(By.cssSelector("td a"));
      return new Row(cells(r), share(r, "written"), share(r, "failed"), links.isEmpty() ? "" : links.get(0).getAttribute("href"),
          links.isEmpty() ? "" : links.get(0).getText());
    });
  }

  /** What {@code read} makes of the page once it is not null; the page redraws every second, so a read it outran is tried again. */
  private <T> T snapshot(String what, Duration timeout, java.util.function.Function<WebDriver, T> read) {
    return new WebDriverWait(browser, timeout, Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "waited for " + what + "; the page reads:\n" + browser.findElement(By.tagName("main")).getText())
        .until(read::apply);
  }

  /** The share of the import's rows read that a segment of its progress bar shows: written or failed (dead-lettered). */
  private static double share(WebElement importRow, String segment) {
    return Double.parseDouble(importRow.findElement(By.cssSelector("td[data-" + segment + "]")).getAttribute("data-" + segment));
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static String[] cells(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toArray(String[]::new);
  }

  /** The Sum column of one metric, numbers as the page formats them (with thousands separators). */
  private String metricSum(String metric, String function) {
    return browser.findElements(By.cssSelector("#metrics tr[data-metric='" + metric + "'][data-function='" + function + "'] td"))
        .stream().skip(3).findFirst().map(WebElement::getText).orElse("");
  }

  private void waitFor(String what, Duration timeout, ExpectedCondition<Boolean> condition) {
    new WebDriverWait(browser, timeout, Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "waited for " + what + "; the page reads:\n" + browser.findElement(By.tagName("main")).getText())
        .until(condition);
  }
}
