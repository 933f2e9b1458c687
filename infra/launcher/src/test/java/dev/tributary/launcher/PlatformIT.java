package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.recorder.fleet.AcknowledgedEpisode;
import dev.tributary.recorder.fleet.SimulatedSite;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine, end to end on the real embedded stack: a simulated site records episodes with video,
 * the recorder uploads them through the gateway, Kafka carries them, the pipeline writes Iceberg,
 * and the tables read back with Iceberg's own reader hold exactly those episodes.
 */
class PlatformIT {
  static final PlatformConfig.FleetConfig FAST_FLEET =
      new PlatformConfig.FleetConfig(
          3, Duration.ofSeconds(8), Duration.ZERO, 1, 160, 120, 10, 30, false);

  @TempDir Path dir;

  @Test
  void episodesRecordedAtASiteBecomeIcebergRowsExactlyOnceAndSurviveARestart() throws Exception {
    Path data = dir.resolve("data");
    List<AcknowledgedEpisode> acknowledged;
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.forTests(data))) {
      SimulatedSite site =
          platform.startFleet(1, 42L, FAST_FLEET, dir.resolve("spool-first")).get(0);
      await().atMost(Duration.ofMinutes(3)).until(() -> site.acknowledgedEpisodes().size() == 3);
      acknowledged = site.acknowledgedEpisodes();
      site.close();

      Map<String, Record> rows = awaitEpisodes(platform.lake(), 3);
      assertThat(rows.keySet())
          .containsExactlyInAnyOrderElementsOf(
              acknowledged.stream().map(AcknowledgedEpisode::episodeId).toList());
      Map<String, List<Record>> frames = framesByEpisode(platform.lake());
      for (AcknowledgedEpisode episode : acknowledged) {
        Record row = rows.get(episode.episodeId());
        assertThat(row.getField("site_id")).isEqualTo(site.siteId());
        assertThat(row.getField("status"))
            .as("verdict of a clean simulated episode, reasons %s", row.getField("reasons"))
            .isEqualTo("ACCEPTED");
        assertThat(row.getField("sample_count")).isEqualTo(episode.sampleCount());
        assertThat(frames.get(episode.episodeId())).hasSize(episode.sampleCount());
        assertThat(contentHash(frames.get(episode.episodeId())))
            .as("checksum of the joint values read back from Iceberg")
            .isEqualTo(episode.contentSha256());
      }

      // The same site, same seed, fresh spool: the same episodes are uploaded a second time.
      SimulatedSite again =
          platform.startFleet(1, 42L, FAST_FLEET, dir.resolve("spool-second")).get(0);
      await().atMost(Duration.ofMinutes(3)).until(() -> again.acknowledgedEpisodes().size() == 3);
      again.close();
      awaitPipelineCaughtUp(platform);
      assertThat(readEpisodes(platform.lake())).hasSize(3);
      assertThat(framesByEpisode(platform.lake()).values().stream().mapToInt(List::size).sum())
          .isEqualTo(acknowledged.stream().mapToInt(AcknowledgedEpisode::sampleCount).sum());

      String stats = get(platform.dashboardUrl().resolve("api/v1/sites"));
      assertThat(stats).contains(site.siteId());

      // A data team's path through the CLI: SQL, a named training set, a LeRobot v3 export.
      String dataDir = data.toString();
      assertThat(TributaryCli.execute("query", "sql", "verdicts", "--data-dir", dataDir))
          .isEqualTo(0);
      assertThat(
              TributaryCli.execute(
                  "trainingset", "build", "first-three", "--size", "3", "--data-dir", dataDir))
          .isEqualTo(0);
      Path exported = dir.resolve("export");
      assertThat(
              TributaryCli.execute(
                  "export", "first-three", exported.toString(), "--data-dir", dataDir))
          .isEqualTo(0);
      assertThat(exported.resolve("meta/info.json")).isRegularFile();
      assertThat(exported.resolve("data/chunk-000/file-000.parquet")).isRegularFile();
      assertThat(exported.resolve("videos/observation.images.top/chunk-000/file-000.mp4"))
          .as("the simulated rig's camera keeps its LeRobot feature key")
          .isRegularFile();
    }

    // A restart on the same data folder keeps everything.
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.forTests(data))) {
      assertThat(readEpisodes(platform.lake())).hasSize(3);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(get(platform.dashboardUrl().resolve("api/v1/sites")))
                      .contains("\"episodes\":3"));
    }
  }

  private static String contentHash(List<Record> frames) {
    List<Record> ordered = new ArrayList<>(frames);
    ordered.sort(Comparator.comparing(r -> (Integer) r.getField("sample_index")));
    JointContentHash hash = new JointContentHash();
    for (Record frame : ordered) {
      @SuppressWarnings("unchecked")
      List<Float> state = (List<Float>) frame.getField("state");
      @SuppressWarnings("unchecked")
      List<Float> action = (List<Float>) frame.getField("action");
      hash.add(
          JointChunk.newBuilder()
              .setEpisodeId("")
              .setSequence(0)
              .setFirstSampleIndex(0)
              .setCaptureMonoNanos(List.of(0L))
              .setCaptureWallMicros(List.of(0L))
              .setState(state.stream().map(List::of).toList())
              .setAction(action == null ? List.of() : action.stream().map(List::of).toList())
              .build());
    }
    return hash.hex();
  }

  private static void awaitPipelineCaughtUp(EmbeddedPlatform platform) {
    String group = PipelineConfig.defaults(platform.bootstrapServers(), platform.lake()).groupId();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < platform.config().ingestPartitions(); p++) {
                  latest.put(new TopicPartition(Topics.INGEST.name(), p), OffsetSpec.latest());
                }
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream()
                    .allMatch(
                        e ->
                            e.getValue().offset() == 0
                                || (committed.get(e.getKey()) != null
                                    && committed.get(e.getKey()).offset()
                                        >= e.getValue().offset()));
              });
    }
  }

  static Map<String, Record> awaitEpisodes(LakeConfig lake, int expected) {
    await().atMost(Duration.ofMinutes(1)).until(() -> readEpisodes(lake).size() >= expected);
    return readEpisodes(lake).stream()
        .collect(Collectors.toMap(r -> (String) r.getField("episode_id"), r -> r));
  }

  static List<Record> readEpisodes(LakeConfig lake) {
    return readAll(lake, CuratedTables.EPISODES.name());
  }

  static Map<String, List<Record>> framesByEpisode(LakeConfig lake) {
    return readAll(lake, CuratedTables.FRAMES.name()).stream()
        .collect(Collectors.groupingBy(r -> (String) r.getField("episode_id")));
  }

  private static List<Record> readAll(LakeConfig lake, String tableName) {
    Catalog catalog =
        CatalogUtil.buildIcebergCatalog(
            lake.catalogName(),
            lake.toCatalogProperties(),
            new org.apache.hadoop.conf.Configuration());
    try {
      var id = org.apache.iceberg.catalog.TableIdentifier.of(CuratedTables.NAMESPACE, tableName);
      if (!catalog.tableExists(id)) {
        return List.of();
      }
      Table table = catalog.loadTable(id);
      List<Record> out = new ArrayList<>();
      try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
        records.forEach(r -> out.add(r.copy()));
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // reader catalog: nothing to flush
        }
      }
    }
  }

  private static String get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
