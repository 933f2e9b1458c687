package dev.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.testing.HttpProbe;
import dev.tributary.catalog.testing.SseProbe;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.RegistryEntry;
import dev.tributary.schema.SiteToken;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.topic.TopicInstaller;
import dev.tributary.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live feed against a real broker: verdicts reach browsers, restarts lose nothing. */
class CatalogLiveFeedIT {

  @TempDir static Path dir;

  private static EmbeddedKafka kafka;
  private static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicInstaller.ensure(admin, 2, (short) 1);
    }
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @AfterAll
  static void stopBroker() {
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void pushesEachVerdictToConnectedBrowsersAndRescansTheTableItWasCommittedTo() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("lake-1"));
        CatalogService service = start(lake);
        SseProbe events =
            new SseProbe(
                service.baseUrl().resolve("api/v1/events?access_token=" + service.adminToken()))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.last("snapshot") != null);
      assertThat(events.last("snapshot").path("totals").path("episodes").asLong()).isZero();

      // The pipeline's order: the row is committed to the table, then the verdict is published.
      EpisodeRow row =
          EpisodeRow.of("site-live", "REJECTED", 12.0, 360).reasons("camera_frozen:front");
      lake.appendEpisodes(List.of(row));
      publish(verdict(row.episodeId(), "site-live", VerdictStatus.REJECTED, "camera_frozen:front"));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> verdictFor(events, row.episodeId()) != null);
      JsonNode verdict = verdictFor(events, row.episodeId());
      assertThat(verdict.path("siteId").asText()).isEqualTo("site-live");
      assertThat(verdict.path("status").asText()).isEqualTo("REJECTED");
      assertThat(verdict.path("reasons").get(0).asText()).isEqualTo("camera_frozen:front");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(events.last("snapshot").path("totals").path("rejected").asLong())
                      .isEqualTo(1));
    }
  }

  @Test
  void aRestartedServiceShowsTheSameNumbersAndReplaysRecentVerdicts() throws Exception {
    EpisodeRow row = EpisodeRow.of("site-restart", "ACCEPTED", 60.0, 1800);
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("lake-2"))) {
      lake.appendEpisodes(List.of(row));
      publish(verdict(row.episodeId(), "site-restart", VerdictStatus.ACCEPTED));
      JsonNode before;
      try (CatalogService first = start(lake);
          SseProbe events =
              new SseProbe(
                  first.baseUrl().resolve("api/v1/events?access_token=" + first.adminToken()))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> verdictFor(events, row.episodeId()) != null);
        before = new HttpProbe(first.baseUrl(), first.adminToken()).getJson("api/v1/dashboard");
      }

      try (CatalogService second = start(lake);
          SseProbe events =
              new SseProbe(
                  second.baseUrl().resolve("api/v1/events?access_token=" + second.adminToken()))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    verdictFor(events, row.episodeId()) != null && events.last("snapshot") != null);
        JsonNode after = events.last("snapshot");
        assertThat(after.path("totals")).isEqualTo(before.path("totals"));
        assertThat(after.path("sites")).isEqualTo(before.path("sites"));
        assertThat(after.path("recent").get(0).path("episodeId").asText())
            .isEqualTo(row.episodeId());
      }
    }
  }

  @Test
  void skipsAnUndecodableVerdictAndKeepsFeedingTheOnesAfterIt() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("lake-3"));
        CatalogService service = start(lake);
        SseProbe events =
            new SseProbe(
                service.baseUrl().resolve("api/v1/events?access_token=" + service.adminToken()))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.last("snapshot") != null);
      producer.send(new ProducerRecord<>(Topics.VERDICTS.name(), "garbage", new byte[] {1, 2, 3}));
      publish(verdict("after-garbage", "site-x", VerdictStatus.DUPLICATE, "exact_duplicate"));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> verdictFor(events, "after-garbage") != null);
      String metrics = new HttpProbe(service.baseUrl(), service.adminToken()).get("metrics").body();
      assertThat(metrics).containsPattern("tributary_catalog_verdicts_undecodable_total\\S* [1-9]");
    }
  }

  @Test
  void aSiteSeesOnlyItsOwnEpisodesWithItsTokenAndNothingWithoutOne() throws Exception {
    String token = "site-own-secret-token";
    String hash =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    RegistryEntry entry =
        RegistryEntry.newBuilder()
            .setEntry(
                SiteToken.newBuilder()
                    .setTokenSha256(hash)
                    .setSiteId("site-own")
                    .setIssuedAtMicros(System.currentTimeMillis() * 1000)
                    .setRevoked(false)
                    .build())
            .build();
    producer
        .send(
            new ProducerRecord<>(
                Topics.REGISTRY.name(), "token:" + hash, Topics.REGISTRY.codec().encode(entry)))
        .get();
    EpisodeRow own =
        EpisodeRow.of("site-own", "REJECTED", 12.0, 360).reasons("camera_frozen:front");
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("lake-4"))) {
      lake.appendEpisodes(List.of(own, EpisodeRow.of("site-other", "ACCEPTED", 60.0, 1800)));
      try (CatalogService service = start(lake)) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get =
            bearer -> {
              var request =
                  java.net.http.HttpRequest.newBuilder(service.baseUrl().resolve("api/v1/site"));
              if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
              }
              try {
                return client.send(
                    request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            };

        await().atMost(Duration.ofSeconds(30)).until(() -> get.apply(token).statusCode() == 200);
        JsonNode doc =
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(get.apply(token).body());
        assertThat(doc.path("siteId").asText()).isEqualTo("site-own");
        assertThat(doc.path("episodes")).hasSize(1);
        assertThat(doc.path("episodes").get(0).path("episodeId").asText())
            .isEqualTo(own.episodeId());
        assertThat(doc.path("stats").path("topReasons").get(0).path("reason").asText())
            .isEqualTo("camera_frozen:front");
        assertThat(doc.toString()).doesNotContain("site-other");

        assertThat(get.apply(null).statusCode()).isEqualTo(401);
        assertThat(get.apply("someone-elses-guess").statusCode()).isEqualTo(401);
        assertThat(new HttpProbe(service.baseUrl(), service.adminToken()).get("site").body())
            .contains("assets/site.js");
      }
    }
  }

  private static CatalogService start(TestLake lake) {
    return CatalogService.start(
        new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(500))
            .withKafka(kafka.bootstrapServers()));
  }

  private static JsonNode verdictFor(SseProbe events, String episodeId) {
    return events.events("verdict").stream()
        .map(SseProbe.Event::data)
        .filter(d -> d.path("episodeId").asText().equals(episodeId))
        .findFirst()
        .orElse(null);
  }

  private static CurationVerdict verdict(
      String episodeId, String siteId, VerdictStatus status, String... reasons) {
    return CurationVerdict.newBuilder()
        .setEpisodeId(episodeId)
        .setSiteId(siteId)
        .setStatus(status)
        .setReasons(List.of(reasons))
        .setDuplicateOf(null)
        .setScores(Map.of("quality", 0.9))
        .setDecidedAtMicros(System.currentTimeMillis() * 1000)
        .build();
  }

  private static void publish(CurationVerdict v) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.VERDICTS.name(), v.getEpisodeId(), Topics.VERDICTS.codec().encode(v)))
        .get();
  }
}
