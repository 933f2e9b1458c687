package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.infra.embedded.EmbeddedObjectStore;
import dev.tributary.recorder.sim.SimFaults;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.VideoSegment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The pipeline with camera checks against the real embedded S3Proxy, stopped while an episode with
 * video is pending: the episode is held (not decided, not {@code video_unreadable}), survives a
 * pipeline restart during the outage, and lands exactly once with its real camera flags when the
 * store is back, also when its partition moves to another instance meanwhile; a missing object
 * still means {@code video_unreadable}.
 */
class VideoStoreOutageIT extends PipelineITSupport {
  private static final String AK = "outage-access";
  private static final String SK = "outage-secret-key";
  private static final String BUCKET = PipelineConfig.ObjectStore.DEFAULT_BUCKET;

  @TempDir Path storeDir;
  private EmbeddedObjectStore store;
  private int storePort;
  private PipelineConfig withVideo;

  @BeforeEach
  void startStore() {
    store = EmbeddedObjectStore.start(storeDir.resolve("objects"), 0, AK, SK);
    storePort = store.endpoint().getPort();
    try (S3Client admin = admin()) {
      admin.createBucket(b -> b.bucket(BUCKET));
    }
    withVideo =
        config
            .withObjectStore(PipelineConfig.ObjectStore.of(store.endpoint(), AK, SK))
            .withStoreRetry(
                new PipelineConfig.StoreRetry(Duration.ofMillis(200), Duration.ofSeconds(1)));
  }

  @AfterEach
  void stopStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void anEpisodeWaitsOutAStoreOutageAndLandsOnceWithItsCameraFlags() throws Exception {
    SimulatedVideos.Recorded dark =
        new SimulatedVideos(dataDir.resolve("spools"))
            .record(site, 11, SimFaults.parse("dark"), 4, 1, 160, 120, 15);
    AssembledEpisode held = dark.episode();
    String camera = held.videos().get(0).getCameraKey();
    upload(dark);
    SyntheticEpisode jointsOnly = jointsOnlyEpisodeOnAnotherPartitionThan(held.episodeId());
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    pipelines.add(CurationPipeline.start(withVideo, first));

    store.close(); // the store goes down before the episode arrives
    store = null;
    clients.publish(events(dark));
    clients.publish(jointsOnly.events());

    await().atMost(WAIT).until(() -> storeRetries(first) >= 3);
    assertThat(gauge(first, "tributary.curation.video.store.unavailable")).isEqualTo(1.0);
    assertThat(gauge(first, "tributary.curation.video.held.episodes")).isGreaterThanOrEqualTo(1.0);
    // Another partition keeps flowing (and committing) while the episode is held.
    await().atMost(WAIT).until(() -> ids(reader.episodes(site)).contains(jointsOnly.episodeId()));
    assertThat(ids(reader.episodes(site))).doesNotContain(held.episodeId());
    assertThat(clients.verdicts()).doesNotContainKey(held.episodeId());

    // A restart during the outage must not lose it: the tables never recorded it as decided.
    pipelines.remove(0).close();
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    pipelines.add(CurationPipeline.start(withVideo, second));
    await().atMost(WAIT).until(() -> storeRetries(second) >= 2);
    assertThat(ids(reader.episodes(site))).doesNotContain(held.episodeId());

    store = EmbeddedObjectStore.start(storeDir.resolve("objects"), storePort, AK, SK);

    await().atMost(WAIT).until(() -> ids(reader.episodes(site)).contains(held.episodeId()));
    await()
        .atMost(WAIT)
        .until(() -> gauge(second, "tributary.curation.video.store.unavailable") == 0.0);
    List<Record> rows = reader.episodes(site);
    assertThat(ids(rows)).containsExactlyInAnyOrder(held.episodeId(), jointsOnly.episodeId());
    Record row = byId(rows).get(held.episodeId());
    assertThat(row.getField("status")).isEqualTo("ACCEPTED_WITH_FLAGS");
    assertThat(reasons(row)).contains("camera_dark:" + camera);
    assertThat(reasons(row)).noneMatch(r -> r.startsWith("video_unreadable"));
    assertThat(framesById(reader.frames(site)).get(held.episodeId())).hasSize(held.sampleCount());
    assertThat(clients.verdicts().get(held.episodeId()).getReasons())
        .contains("camera_dark:" + camera);
  }

  @Test
  void aHeldEpisodeMovesWithItsPartitionToAnotherInstanceAndLandsOnce() throws Exception {
    SimulatedVideos.Recorded recorded =
        new SimulatedVideos(dataDir.resolve("spools"))
            .record(site, 13, SimFaults.none(), 4, 1, 160, 120, 15);
    AssembledEpisode held = recorded.episode();
    upload(recorded);
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    pipelines.add(CurationPipeline.start(withVideo.withInstanceId("outage-a-" + site), first));
    store.close();
    store = null;
    clients.publish(events(recorded));
    await().atMost(WAIT).until(() -> storeRetries(first) >= 2);

    // A second instance joins the group during the outage (a rebalance), then the
    // first leaves: every partition, the held one among them, ends up with the second, which has
    // to hold the episode in turn (the first dropped its held work on revoke, decided nothing).
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    pipelines.add(CurationPipeline.start(withVideo.withInstanceId("outage-b-" + site), second));
    pipelines.remove(0).close();
    await().atMost(WAIT).until(() -> storeRetries(second) >= 2);
    // At least ours: the topics are shared with this class's other tests, whose episodes with
    // video (other sites) are held too when they sit on other partitions.
    assertThat(gauge(second, "tributary.curation.video.held.episodes")).isGreaterThanOrEqualTo(1.0);
    assertThat(ids(reader.episodes(site))).doesNotContain(held.episodeId());

    store = EmbeddedObjectStore.start(storeDir.resolve("objects"), storePort, AK, SK);

    await().atMost(WAIT).until(() -> ids(reader.episodes(site)).contains(held.episodeId()));
    List<Record> rows = reader.episodes(site);
    assertThat(ids(rows)).containsExactly(held.episodeId());
    assertThat(rows.get(0).getField("status")).isEqualTo("ACCEPTED");
    assertThat(framesById(reader.frames(site)).get(held.episodeId())).hasSize(held.sampleCount());
  }

  @Test
  void aMissingObjectStillMakesTheEpisodeVideoUnreadable() throws Exception {
    SimulatedVideos.Recorded recorded =
        new SimulatedVideos(dataDir.resolve("spools"))
            .record(site, 12, SimFaults.none(), 4, 1, 160, 120, 15);
    AssembledEpisode missing = recorded.episode(); // its video is never uploaded
    String camera = missing.videos().get(0).getCameraKey();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    pipelines.add(CurationPipeline.start(withVideo, registry));

    clients.publish(events(recorded));

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    Record row = reader.episodes(site).get(0);
    assertThat(row.getField("status")).isEqualTo("ACCEPTED_WITH_FLAGS");
    assertThat(reasons(row)).contains("video_unreadable:" + camera);
    assertThat(storeRetries(registry)).isZero();
    assertThat(gauge(registry, "tributary.curation.video.store.unavailable")).isZero();
  }

  private S3Client admin() {
    return S3Client.builder()
        .endpointOverride(store.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private void upload(SimulatedVideos.Recorded r) {
    try (S3Client admin = admin()) {
      for (VideoSegment v : r.episode().videos()) {
        admin.putObject(
            b -> b.bucket(BUCKET).key(v.getObjectKey()),
            RequestBody.fromFile(r.files().get(v.getCameraKey())));
      }
    }
  }

  /** What the gateway publishes for a recorded episode, in the recorder's order. */
  private static List<IngestEvent> events(SimulatedVideos.Recorded r) {
    AssembledEpisode e = r.episode();
    List<Object> payloads = new ArrayList<>();
    payloads.add(e.manifest());
    payloads.addAll(r.spooled().chunks());
    payloads.addAll(e.videos());
    payloads.add(e.commit());
    List<IngestEvent> out = new ArrayList<>();
    for (Object p : payloads) {
      out.add(
          IngestEvent.newBuilder()
              .setSiteId(e.siteId())
              .setEpisodeId(e.episodeId())
              .setReceivedAtMicros(System.currentTimeMillis() * 1000)
              .setGatewayId("test-gateway")
              .setPayload(p)
              .build());
    }
    return out;
  }

  /** An episode without cameras whose key the default partitioner sends to another partition. */
  private SyntheticEpisode jointsOnlyEpisodeOnAnotherPartitionThan(String episodeId) {
    while (true) {
      String id = UUID.randomUUID().toString();
      if (partitionOf(id) != partitionOf(episodeId)) {
        return SyntheticEpisode.builder()
            .episodeId(id)
            .siteId(site)
            .seed(random.nextLong())
            .samples(150)
            .chunkSize(64)
            .cameras(List.of())
            .build();
      }
    }
  }

  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        % 3;
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }

  private static double storeRetries(MeterRegistry registry) {
    return registry.get("tributary.curation.video.store.retries").counter().count();
  }

  private static List<String> ids(List<Record> rows) {
    return rows.stream().map(r -> (String) r.getField("episode_id")).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> reasons(Record row) {
    return (List<String>) row.getField("reasons");
  }
}
