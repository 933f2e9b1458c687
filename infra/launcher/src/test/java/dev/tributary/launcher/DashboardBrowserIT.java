package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.catalog.ops.OpsFiles;
import dev.tributary.catalog.ops.PrometheusText;
import dev.tributary.recorder.fleet.SimulatedSite;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.Topics;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The organizers' dashboard in a real browser (Debian's headless Chromium through Selenium) while
 * simulated sites upload to the whole embedded platform: counters rise and new episodes appear
 * without a reload, a site's drill-down shows why its episodes were rejected, and after a platform
 * restart the page shows what the tables hold; a site signed in with its token sees its own
 * verdicts. Screenshots land in {@code target/}. Also holds the ops contract against the running
 * gateway, pipeline and catalog: their {@code /metrics} parse as strict Prometheus text and cover
 * every metric of the Grafana dashboard and the alert rules.
 */
class DashboardBrowserIT {
  static final PlatformConfig.FleetConfig FAST_FOREVER =
      new PlatformConfig.FleetConfig(
          0, Duration.ofSeconds(2), Duration.ofMillis(500), 1, 160, 120, 10, 30, false);

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final int FAULTY_SAMPLES = 30;

  @TempDir Path dir;

  @Test
  void organizersSeeCountersRiseNewEpisodesAndASitesRejectionReasonsLiveAndAfterARestart()
      throws Exception {
    Path data = dir.resolve("data");
    String faultyEpisode = UUID.randomUUID().toString();
    String site;
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.forTests(data));
        Browser browser = Browser.start(dir.resolve("chromium-profile-1"))) {
      List<SimulatedSite> fleet = platform.startFleet(2, 11L, FAST_FOREVER, dir.resolve("spool"));
      site = fleet.get(0).siteId();
      WebDriver page = browser.open(platform.dashboardUrl());
      browser.markPage();

      awaitLive(page);
      assertThat(page.findElement(By.id("signin")).isDisplayed())
          .as("`tributary run` serves the dashboard publicly: no sign-in form")
          .isFalse();
      await().atMost(Duration.ofMinutes(3)).until(() -> counter(page, "total-episodes") >= 1);
      long firstCount = counter(page, "total-episodes");
      Set<String> feedBefore = feedEpisodes(page);

      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> counter(page, "total-episodes") > firstCount);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> !difference(feedEpisodes(page), feedBefore).isEmpty());
      await()
          .atMost(Duration.ofMinutes(1))
          .alias("a feed thumbnail (a frame of the episode's video) loaded")
          .until(() -> loadedThumbnails(page) > 0);

      // A recorder with a bug: it declares more samples than it sends. The pipeline rejects it.
      injectEpisodeWithWrongSampleCount(platform.bootstrapServers(), site, faultyEpisode);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> feedStatus(page, faultyEpisode).equals("rejected"));
      // The fleet stops here: the drill-down lists a site's 25 latest episodes, and on a loaded
      // machine a fleet left recording through the steps below pushed the rejected one out of them.
      for (SimulatedSite s : fleet) {
        s.close();
      }

      clickSite(page, site);
      awaitDrilldownShows(page, site, faultyEpisode);
      assertThat(browser.sameDocument()).as("the page was never reloaded").isTrue();
      browser.screenshot(Path.of("target", "dashboard.png"));

      // The participant view, signed in with the token the site's recorder got at enrolment.
      String token =
          dev.tributary.recorder.site.SiteToken.load(dir.resolve("spool").resolve(site))
              .orElseThrow();
      page.get(platform.dashboardUrl().resolve("site").toString());
      page.findElement(By.id("token")).sendKeys(token);
      page.findElement(By.cssSelector("#signin-form button")).click();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(text(page, "#site-id")).isEqualTo(site);
                assertThat(text(page, "#site-body tr[data-episode='" + faultyEpisode + "']"))
                    .contains("sample_count_mismatch");
                assertThat(text(page, "#site-reasons")).contains("sample_count_mismatch");
              });
      browser.screenshot(Path.of("target", "participant-view.png"));
      for (SimulatedSite s : fleet) {
        s.close();
      }
    }

    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.forTests(data));
        Browser browser = Browser.start(dir.resolve("chromium-profile-2"))) {
      WebDriver page = browser.open(platform.dashboardUrl());
      awaitLive(page);
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () ->
                  assertThat(counter(page, "total-episodes"))
                      .as("episodes on the page after a restart = rows in tributary.episodes")
                      .isPositive()
                      .isEqualTo(episodeRows(platform.lake())));
      clickSite(page, site);
      awaitDrilldownShows(page, site, faultyEpisode);
      browser.screenshot(Path.of("target", "dashboard-after-restart.png"));
    }
  }

  @Test
  void everyMetricOfTheGrafanaDashboardAndTheAlertRulesIsExportedByARunningService()
      throws Exception {
    try (EmbeddedPlatform platform =
        EmbeddedPlatform.start(PlatformConfig.forTests(dir.resolve("data")))) {
      SimulatedSite site = platform.startFleet(1, 5L, FAST_FOREVER, dir.resolve("spool")).get(0);
      await().atMost(Duration.ofMinutes(3)).until(() -> !site.acknowledgedEpisodes().isEmpty());
      get(platform.dashboardUrl().resolve("api/v1/sites")); // per-site gauges exist after a scan

      Set<String> wanted = new TreeSet<>(OpsFiles.locate().allMetricNames());
      wanted.removeAll(OpsFiles.SYNTHETIC);
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () -> {
                Set<String> gateway =
                    PrometheusText.parse(get(platform.gatewayUrl().resolve("metrics")))
                        .sampleNames();
                Set<String> catalog =
                    PrometheusText.parse(get(platform.dashboardUrl().resolve("metrics")))
                        .sampleNames();
                Set<String> pipeline =
                    PrometheusText.parse(get(platform.pipelineMetricsUrl())).sampleNames();
                assertThat(pipeline)
                    .as("the pipeline's own meters and JVM metrics")
                    .contains("tributary_curation_events_consumed_total", "jvm_memory_used_bytes");
                Set<String> exported = new HashSet<>(gateway);
                exported.addAll(catalog);
                exported.addAll(pipeline);
                assertThat(exported).containsAll(wanted);
                assertThat(gateway)
                    .containsAll(
                        wanted.stream().filter(n -> n.startsWith("tributary_gateway_")).toList());
              });
    }
  }

  /** Clicks the site's row; the table may be redrawn under the click, so retry until it lands. */
  private static void clickSite(WebDriver page, String site) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
        .until(
            () -> {
              page.findElement(By.cssSelector("#sites-body tr[data-site='" + site + "']")).click();
              return text(page, "#drilldown-site").equals(site);
            });
  }

  private static void awaitLive(WebDriver page) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> page.findElement(By.id("status-dot")).getAttribute("class").contains("live"));
  }

  private static void awaitDrilldownShows(WebDriver page, String site, String episodeId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
        .untilAsserted(
            () -> {
              assertThat(page.findElement(By.id("drilldown")).isDisplayed()).isTrue();
              assertThat(page.findElement(By.id("drilldown-site")).getText()).isEqualTo(site);
              assertThat(
                      page.findElements(
                          By.cssSelector(
                              "#drilldown-reasons li[data-reason^='sample_count_mismatch']")))
                  .isNotEmpty();
              assertThat(
                      page.findElements(
                          By.cssSelector("#drilldown-body tr[data-episode='" + episodeId + "']")))
                  .hasSize(1);
            });
  }

  /** The number shown in a totals card; -1 while it shows a placeholder. */
  private static long counter(WebDriver page, String id) {
    String digits = text(page, "#" + id).replaceAll("[^0-9]", "");
    return digits.isEmpty() ? -1 : Long.parseLong(digits);
  }

  /**
   * Reads run as one script in the page: the live page redraws between two WebDriver calls, which
   * would make element references stale.
   */
  private static String text(WebDriver page, String selector) {
    Object value =
        js(page)
            .executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                selector);
    return String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> feedEpisodes(WebDriver page) {
    List<Object> ids =
        (List<Object>)
            js(page)
                .executeScript(
                    "return Array.from(document.querySelectorAll('#feed li[data-episode]'))"
                        + ".map(function (li) { return li.dataset.episode; });");
    Set<String> out = new HashSet<>();
    ids.forEach(id -> out.add(String.valueOf(id)));
    return out;
  }

  private static long loadedThumbnails(WebDriver page) {
    Object n =
        js(page)
            .executeScript(
                "return Array.from(document.querySelectorAll('#feed img.thumb'))"
                    + ".filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;");
    return ((Number) n).longValue();
  }

  private static String feedStatus(WebDriver page, String episodeId) {
    return text(page, "#feed li[data-episode='" + episodeId + "'] .pill").toLowerCase();
  }

  private static JavascriptExecutor js(WebDriver page) {
    return (JavascriptExecutor) page;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }

  /** Manifest, one chunk of {@value #FAULTY_SAMPLES} samples, and a commit that declares more. */
  private static void injectEpisodeWithWrongSampleCount(
      String bootstrapServers, String siteId, String episodeId) throws Exception {
    long nowMicros = System.currentTimeMillis() * 1000;
    List<Long> mono = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    List<Float> joint = new ArrayList<>();
    for (int i = 0; i < FAULTY_SAMPLES; i++) {
      mono.add(i * 33_333_333L);
      wall.add(nowMicros + i * 33_333L);
      joint.add(i * 0.5f);
    }
    var manifest =
        EpisodeManifest.newBuilder()
            .setEpisodeId(episodeId)
            .setSiteId(siteId)
            .setRigId(siteId + "-buggy-rig")
            .setRobotType("so101_follower")
            .setJoints(
                List.of(
                    JointSpec.newBuilder().setName("shoulder_pan.pos").setUnit("deg").build(),
                    JointSpec.newBuilder().setName("gripper.pos").setUnit("percent").build()))
            .setCameras(List.of())
            .setTask("pick the red cube")
            .setRecorderVersion("buggy-0.0.1")
            .setStartedAtMicros(nowMicros)
            .setTimestampSource(TimestampSource.CAPTURE)
            .setJointRateHz(30f)
            .setSource("rig")
            .build();
    var chunk =
        JointChunk.newBuilder()
            .setEpisodeId(episodeId)
            .setSequence(0)
            .setFirstSampleIndex(0)
            .setCaptureMonoNanos(mono)
            .setCaptureWallMicros(wall)
            .setState(List.of(joint, joint))
            .setAction(List.of())
            .build();
    var commit =
        EpisodeCommit.newBuilder()
            .setEpisodeId(episodeId)
            .setChunkCount(1)
            .setSampleCount(FAULTY_SAMPLES + 5)
            .setVideoFrameCounts(Map.of())
            .setContentSha256("0".repeat(64))
            .setCommittedAtMicros(nowMicros + 1_000_000)
            .build();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (Object payload : List.of(manifest, chunk, commit)) {
        IngestEvent event =
            IngestEvent.newBuilder()
                .setSiteId(siteId)
                .setEpisodeId(episodeId)
                .setReceivedAtMicros(System.currentTimeMillis() * 1000)
                .setGatewayId("dashboard-browser-it")
                .setPayload(payload)
                .build();
        producer
            .send(
                new ProducerRecord<>(
                    Topics.INGEST.name(), episodeId, Topics.INGEST.codec().encode(event)))
            .get();
      }
    }
  }

  /**
   * Rows of {@code tributary.episodes}, read with Iceberg's own reader, not the catalog service.
   */
  private static long episodeRows(LakeConfig lake) throws Exception {
    Catalog catalog =
        CatalogUtil.buildIcebergCatalog(
            lake.catalogName(),
            lake.toCatalogProperties(),
            new org.apache.hadoop.conf.Configuration());
    try {
      if (!catalog.tableExists(CuratedTables.EPISODES)) {
        return 0;
      }
      long rows = 0;
      try (CloseableIterable<Record> records =
          IcebergGenerics.read(catalog.loadTable(CuratedTables.EPISODES))
              .select("episode_id")
              .build()) {
        for (Record ignored : records) {
          rows++;
        }
      }
      return rows;
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
    return response.body();
  }

  /** Headless Chromium on loopback with a throw-away profile; no network beyond the platform. */
  static final class Browser implements AutoCloseable {
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
      this.service = service;
      this.driver = driver;
    }

    static Browser start(Path profile) {
      if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
        throw new IllegalStateException(
            "DashboardBrowserIT needs Debian's headless Chromium: "
                + CHROMIUM
                + " and "
                + CHROMEDRIVER
                + " are missing; run `apt-get install -y chromium chromium-driver` (.ci/run does)");
      }
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
              .usingAnyFreePort()
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1400,1900",
          "--user-data-dir=" + profile.toAbsolutePath());
      try {
        return new Browser(service, new ChromeDriver(service, options));
      } catch (RuntimeException e) {
        service.stop();
        throw e;
      }
    }

    WebDriver open(URI url) {
      driver.get(url.toString());
      return driver;
    }

    /** Marks the loaded document; {@link #sameDocument()} is false after any reload. */
    void markPage() {
      ((JavascriptExecutor) driver).executeScript("window.__tributaryMark = 'still-here';");
    }

    boolean sameDocument() {
      return "still-here"
          .equals(((JavascriptExecutor) driver).executeScript("return window.__tributaryMark;"));
    }

    void screenshot(Path target) throws Exception {
      Files.createDirectories(target.getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
      try {
        driver.quit();
      } finally {
        service.stop();
      }
    }
  }
}
