package dev.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.testing.HttpProbe;
import dev.tributary.catalog.testing.SseProbe;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import dev.tributary.schema.table.LakeConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogServiceIT {

  @TempDir Path dataDir;

  private TestLake lake;
  private CatalogService service;
  private HttpProbe http;

  @BeforeEach
  void startServiceOnAFreePort() {
    lake = TestLake.withCuratedTables(dataDir);
    lake.appendEpisodes(
        List.of(
            EpisodeRow.of("site-a", "ACCEPTED", 1800.0, 54_000),
            EpisodeRow.of("site-a", "ACCEPTED", 1800.0, 54_000),
            EpisodeRow.of("site-a", "REJECTED", 36.0, 1_080),
            EpisodeRow.of("site-b", "ACCEPTED_WITH_FLAGS", 360.0, 10_800),
            EpisodeRow.of("site-b", "DUPLICATE", 360.0, 10_800)));
    service =
        CatalogService.start(
            new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200)));
    http = new HttpProbe(service.baseUrl(), service.adminToken());
  }

  @AfterEach
  void stop() throws Exception {
    if (service != null) {
      service.close();
    }
    lake.close();
  }

  @Test
  void servesEpisodesHoursAndVerdictsPerSiteWithTotals() {
    assertThat(service.port()).isPositive();
    assertThat(service.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + service.port() + "/");

    JsonNode doc = http.getJson("api/v1/sites");

    JsonNode sites = doc.path("sites");
    assertThat(sites).hasSize(2);
    JsonNode a = sites.get(0);
    assertThat(a.path("siteId").asText()).isEqualTo("site-a");
    assertThat(a.path("episodes").asLong()).isEqualTo(3);
    assertThat(a.path("hours").asDouble()).isCloseTo(1.01, within(1e-9));
    assertThat(a.path("accepted").asLong()).isEqualTo(2);
    assertThat(a.path("rejected").asLong()).isEqualTo(1);
    assertThat(a.path("frames").asLong()).isEqualTo(109_080);
    JsonNode b = sites.get(1);
    assertThat(b.path("siteId").asText()).isEqualTo("site-b");
    assertThat(b.path("flagged").asLong()).isEqualTo(1);
    assertThat(b.path("duplicates").asLong()).isEqualTo(1);
    JsonNode totals = doc.path("totals");
    assertThat(totals.path("sites").asInt()).isEqualTo(2);
    assertThat(totals.path("episodes").asLong()).isEqualTo(5);
    assertThat(totals.path("hours").asDouble()).isCloseTo(1.21, within(1e-9));
    assertThat(doc.path("computedAt").asText()).isNotBlank();
  }

  @Test
  void showsNewlyCommittedEpisodesOnceTheCachedStatisticsExpire() {
    assertThat(http.getJson("api/v1/sites").path("totals").path("episodes").asLong()).isEqualTo(5);

    lake.appendEpisodes(List.of(EpisodeRow.of("site-c", "ACCEPTED", 60.0, 1_800)));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(http.getJson("api/v1/sites").path("totals").path("episodes").asLong())
                    .isEqualTo(6));
  }

  @Test
  void servesTheDashboardPageAndItsAssetsFromTheJar() {
    HttpResponse<String> page = http.get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("id=\"sites-table\"", "assets/app.js")
        .doesNotContain("https://");

    HttpResponse<String> script = http.get("assets/app.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body())
        .contains("new EventSource(\"api/v1/events\")")
        .doesNotContain("https://", "//cdn");
    assertThat(http.get("assets/style.css").statusCode()).isEqualTo(200);
    assertThat(http.get("assets/secrets.txt").statusCode()).isEqualTo(404);
  }

  @Test
  void streamsASnapshotOnConnectAndAnotherWhenThePipelineCommitsMoreEpisodes() {
    try (SseProbe events =
        new SseProbe(
            service.baseUrl().resolve("api/v1/events?access_token=" + service.adminToken()))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.last("snapshot") != null);
      assertThat(events.contentType()).startsWith("text/event-stream");
      assertThat(events.last("snapshot").path("totals").path("episodes").asLong()).isEqualTo(5);

      lake.appendEpisodes(
          List.of(EpisodeRow.of("site-c", "REJECTED", 10, 300).reasons("camera_frozen:front")));

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(events.last("snapshot").path("totals").path("episodes").asLong())
                      .isEqualTo(6));
      JsonNode siteC = site(events.last("snapshot"), "site-c");
      assertThat(siteC.path("topReasons").get(0).path("reason").asText())
          .isEqualTo("camera_frozen:front");
      assertThat(siteC.path("acceptanceRate").asDouble()).isZero();
      assertThat(events.events("verdict")).as("no Kafka configured, no verdicts").isEmpty();
    }
  }

  @Test
  void servesTheWholeDashboardAsJsonWithReasonsLeaderboardHoursAndNewestEpisodes() {
    JsonNode doc = http.getJson("api/v1/dashboard");

    assertThat(doc.path("snapshotId").asLong()).isNotZero();
    assertThat(doc.path("timelineMinutes").asInt()).isEqualTo(120);
    assertThat(doc.path("recent")).hasSize(5);
    JsonNode a = site(doc, "site-a");
    assertThat(a.path("acceptedHours").asDouble()).isCloseTo(1.0, within(1e-9));
    assertThat(a.path("topReasons").get(0).path("reason").asText()).isEqualTo("reason-of-rejected");
    assertThat(a.path("diversity").isNull()).as("no novelty scores yet").isTrue();
    assertThat(a.path("lastCuratedAt").asText()).isNotBlank();
  }

  private static JsonNode site(JsonNode report, String siteId) {
    for (JsonNode s : report.path("sites")) {
      if (s.path("siteId").asText().equals(siteId)) {
        return s;
      }
    }
    throw new AssertionError("no site " + siteId + " in " + report);
  }

  @Test
  void listsASitesNewestEpisodesWithVerdictsAndReasons() {
    OffsetDateTime base = OffsetDateTime.of(2026, 11, 22, 9, 0, 0, 0, ZoneOffset.UTC);
    List<EpisodeRow> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(
          EpisodeRow.of("site-d", i == 4 ? "REJECTED" : "ACCEPTED", 10, 300)
              .startedAt(base.plusMinutes(i)));
    }
    lake.appendEpisodes(rows);

    JsonNode doc = http.getJson("api/v1/episodes?site=site-d&limit=3");

    JsonNode episodes = doc.path("episodes");
    assertThat(episodes).hasSize(3);
    assertThat(episodes.get(0).path("episodeId").asText()).isEqualTo(rows.get(4).episodeId());
    assertThat(episodes.get(0).path("status").asText()).isEqualTo("REJECTED");
    assertThat(episodes.get(0).path("reasons").get(0).asText()).isEqualTo("reason-of-rejected");
    assertThat(episodes.get(1).path("episodeId").asText()).isEqualTo(rows.get(3).episodeId());
    assertThat(http.get("api/v1/episodes?site=site-d&limit=0").statusCode()).isEqualTo(400);
    assertThat(http.get("api/v1/episodes").statusCode()).isEqualTo(400);
    assertThat(http.getJson("api/v1/episodes?site=nowhere").path("episodes")).isEmpty();
  }

  @Test
  void exposesPrometheusMetricsIncludingJvmHttpAndCorpusGauges() {
    http.getJson("api/v1/sites");

    HttpResponse<String> metrics = http.get("metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("jvm_memory_used_bytes")
        .contains(
            "tributary_catalog_http_requests_seconds_count{method=\"GET\",route=\"sites\",status=\"200\"}")
        .contains("tributary_catalog_corpus_episodes 5.0")
        .contains("tributary_catalog_corpus_episodes_by_status{status=\"rejected\"} 1.0");
  }

  @Test
  void reportsLiveAndReadyWithTheCuratedTablesItFound() {
    assertThat(http.getJson("health/live").path("status").asText()).isEqualTo("UP");
    JsonNode ready = http.getJson("health/ready");
    assertThat(ready.path("status").asText()).isEqualTo("UP");
    assertThat(ready.path("tables").path("tributary.episodes").asBoolean()).isTrue();
    assertThat(ready.path("tables").path("tributary.frames").asBoolean()).isTrue();
  }

  @Test
  void refusesToStartOnATakenPortWithAOneLineMessage() {
    CatalogServiceConfig samePort =
        new CatalogServiceConfig("127.0.0.1", service.port(), lake.config(), null);

    assertThatThrownBy(() -> CatalogService.start(samePort))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1:" + service.port())
        .hasMessageContaining("address already in use")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    // The running service is unaffected.
    assertThat(http.get("health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void refusesToStartWhenTheCatalogFolderCannotBeCreated() throws Exception {
    Path notAFolder = Files.writeString(dataDir.resolve("plain-file"), "x");
    LakeConfig broken =
        new LakeConfig(
            "tributary",
            "jdbc:sqlite:" + notAFolder.resolve("catalog.db"),
            dataDir.resolve("warehouse").toUri().toString(),
            Map.of());

    assertThatThrownBy(
            () -> CatalogService.start(new CatalogServiceConfig("127.0.0.1", 0, broken, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("catalog service cannot create the catalog folder")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void answersUnknownPathsWithA404ThatNamesTheRealEndpoints() {
    HttpResponse<String> response = http.get("api/v2/nothing");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("/api/v1/sites");
  }
}
