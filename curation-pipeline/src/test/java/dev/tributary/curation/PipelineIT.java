package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.consume.CommitStage;
import dev.tributary.curation.consume.CommitStageListener;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.testing.CuratedTableReader;
import dev.tributary.curation.testing.KafkaTestClients;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.DeadLetter;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.TopicInstaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pipeline on a real KRaft broker and a real Iceberg catalog (SQLite + local warehouse). Tests
 * share one broker: each uses its own site, seeds, consumer group and lake, and reads back only its
 * own site's rows.
 */
class PipelineIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path kafkaDir;
  private static EmbeddedKafka kafka;
  private static KafkaTestClients clients;

  @TempDir Path dataDir;
  private final Random random = new Random();
  private final List<CurationPipeline> pipelines = new ArrayList<>();
  private String site;
  private LakeConfig lake;
  private PipelineConfig config;
  private CuratedTableReader reader;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start(kafkaDir, 0, 0);
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      TopicInstaller.ensure(admin, 3, (short) 1);
    }
    clients = new KafkaTestClients(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() {
    if (clients != null) {
      clients.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    java.nio.file.Files.createDirectories(dataDir.resolve("lake").resolve("catalog"));
    site = "site-" + UUID.randomUUID().toString().substring(0, 8);
    lake = LakeConfig.embedded(dataDir.resolve("lake"));
    config =
        PipelineConfig.defaults(kafka.bootstrapServers(), lake)
            .withGroupId("curation-" + site)
            .withInstanceId("curation-" + site)
            .withCommitInterval(Duration.ofMillis(300));
    reader = new CuratedTableReader(lake);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (CurationPipeline p : pipelines) {
      p.close();
    }
    reader.close();
  }

  private CurationPipeline start(PipelineConfig c) {
    return start(c, CommitStageListener.none());
  }

  private CurationPipeline start(PipelineConfig c, CommitStageListener listener) {
    CurationPipeline p =
        CurationPipeline.start(c, new SimpleMeterRegistry(), QualityChecker.none(), listener);
    pipelines.add(p);
    return p;
  }

  private SyntheticEpisode episode(int samples) {
    return SyntheticEpisode.builder()
        .siteId(site)
        .seed(random.nextLong())
        .samples(samples)
        .chunkSize(64)
        .build();
  }

  private List<SyntheticEpisode> episodes(int n) {
    List<SyntheticEpisode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(episode(90 + random.nextInt(200)));
    }
    return out;
  }

  @Test
  void everyEpisodeLandsExactlyOnceWithItsFramesAndARedeliveryAddsNoRow() {
    start(config);
    List<SyntheticEpisode> eps = episodes(8);
    clients.publish(interleaved(eps));

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == eps.size());

    assertExactlyOnce(eps);
    Map<String, Record> rows = byId(reader.episodes(site));
    assertThat(rows.values())
        .allSatisfy(r -> assertThat(r.getField("status")).isEqualTo("ACCEPTED"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clients.verdicts())
                    .containsKeys(
                        eps.stream().map(SyntheticEpisode::episodeId).toArray(String[]::new)));

    long redeliveredBefore = pipelines.get(0).stats().redeliveredEvents();
    clients.publish(eps.get(0).events());
    await()
        .atMost(WAIT)
        .until(
            () ->
                pipelines.get(0).stats().redeliveredEvents()
                    >= redeliveredBefore + eps.get(0).events().size());
    assertExactlyOnce(eps);
  }

  @Test
  void aNewEpisodeIdWithTheSameJointDataIsRecordedAsADuplicateWithoutFrames() {
    start(config);
    long seed = random.nextLong();
    SyntheticEpisode original = SyntheticEpisode.builder().siteId(site).seed(seed).build();
    clients.publish(original.events());
    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);

    SyntheticEpisode copy =
        SyntheticEpisode.builder()
            .siteId(site)
            .seed(seed)
            .chunkSize(50)
            .timeShiftMicros(3_600_000_000L)
            .jointNames(List.of("a", "b", "c", "d", "e", "f"))
            .build();
    clients.publish(copy.events());

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 2);
    Record dup = byId(reader.episodes(site)).get(copy.episodeId());
    assertThat(dup.getField("status")).isEqualTo("DUPLICATE");
    assertThat(dup.getField("duplicate_of")).isEqualTo(original.episodeId());
    assertThat(framesById(reader.frames(site))).containsOnlyKeys(original.episodeId());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CurationVerdict v = clients.verdicts().get(copy.episodeId());
              assertThat(v).isNotNull();
              assertThat(v.getStatus()).isEqualTo(VerdictStatus.DUPLICATE);
              assertThat(v.getDuplicateOf()).isEqualTo(original.episodeId());
            });
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndThePipelineKeepsGoing() {
    start(config);
    byte[] poison = ("not avro " + site).getBytes(StandardCharsets.UTF_8);
    clients.publishRaw("poison-" + site, poison);
    SyntheticEpisode after = episode(120);
    clients.publish(after.events());

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    List<DeadLetter> ours =
        clients.deadLetters().stream()
            .filter(d -> ByteBuffer.wrap(poison).equals(d.getValue()))
            .toList();
    assertThat(ours).isNotEmpty();
    assertThat(ours.get(0).getReason()).startsWith("not_single_object_encoding");
    assertThat(pipelines.get(0).stats().deadLettered()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anEpisodeWhoseContentHashDoesNotMatchIsRejectedWithTheReasonAndNoFrames() {
    start(config);
    SyntheticEpisode ep = episode(100);
    List<IngestEvent> events = new ArrayList<>(ep.events());
    EpisodeCommit wrong =
        EpisodeCommit.newBuilder(ep.commit).setContentSha256("00".repeat(32)).build();
    events.set(events.size() - 1, ep.event(wrong));
    clients.publish(events);

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    Record row = reader.episodes(site).get(0);
    assertThat(row.getField("status")).isEqualTo("REJECTED");
    assertThat(row.getField("reasons")).isEqualTo(List.of("content_hash_mismatch"));
    assertThat(reader.frames(site)).isEmpty();
  }

  @Test
  void anEpisodeMissingAChunkIsQuarantinedWithTheReasonAfterTheAssemblyTimeout() {
    start(config.withAssemblyTimeout(Duration.ofSeconds(1)));
    SyntheticEpisode ep = episode(200);
    List<IngestEvent> events =
        ep.events().stream()
            .filter(e -> !(e.getPayload() instanceof JointChunk c && c.getSequence() == 1))
            .toList();
    clients.publish(events);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CurationVerdict v = clients.verdicts().get(ep.episodeId());
              assertThat(v).isNotNull();
              assertThat(v.getStatus()).isEqualTo(VerdictStatus.QUARANTINED);
              assertThat(v.getReasons()).contains("assembly_timeout", "missing_chunks:[1]");
            });
    assertThat(reader.episodes(site)).isEmpty();
  }

  @Test
  void closingAndRestartingWhileEventsFlowKeepsEveryEpisodeExactlyOnce() {
    List<SyntheticEpisode> eps = episodes(24);
    List<IngestEvent> all = interleaved(eps);
    int third = all.size() / 3;

    CurationPipeline first = start(config);
    clients.publish(all.subList(0, third));
    await()
        .atMost(WAIT)
        .until(() -> first.stats().commits() > 0 && !reader.episodes(site).isEmpty());
    first.close();
    pipelines.remove(first);

    clients.publish(all.subList(third, 2 * third));
    CurationPipeline second = start(config);
    await().atMost(WAIT).until(() -> second.stats().commits() > 0);
    clients.publish(all.subList(2 * third, all.size()));
    second.close();
    pipelines.remove(second);

    start(config);
    await().atMost(WAIT).until(() -> reader.episodes(site).size() >= eps.size());
    assertExactlyOnce(eps);
  }

  @ParameterizedTest
  @EnumSource(CommitStage.class)
  void aCrashAtAnyStageOfACommitLeavesEveryEpisodeExactlyOnceAfterRestart(CommitStage stage) {
    AtomicBoolean armed = new AtomicBoolean();
    CurationPipeline crashing =
        start(
            config,
            reached -> {
              if (armed.get() && reached == stage) {
                throw new IllegalStateException("simulated crash at " + stage);
              }
            });
    List<SyntheticEpisode> early = episodes(5);
    clients.publish(interleaved(early));
    await().atMost(WAIT).until(() -> reader.episodes(site).size() == early.size());

    // Three episodes stay incomplete across the crash: their first events are only in memory.
    List<SyntheticEpisode> spanning = episodes(3);
    List<IngestEvent> spanningFirstHalf = new ArrayList<>();
    List<IngestEvent> spanningRest = new ArrayList<>();
    for (SyntheticEpisode ep : spanning) {
      List<IngestEvent> ev = ep.events();
      spanningFirstHalf.addAll(ev.subList(0, 2));
      spanningRest.addAll(ev.subList(2, ev.size()));
    }
    clients.publish(spanningFirstHalf);
    await().atMost(WAIT).until(() -> crashing.stats().bufferedEpisodes() >= spanning.size());

    armed.set(true);
    List<SyntheticEpisode> late = episodes(4);
    clients.publish(interleaved(late));
    await().atMost(WAIT).until(() -> !crashing.stats().running());
    assertThat(crashing.stats().failure()).contains("simulated crash at " + stage);

    start(config);
    clients.publish(spanningRest);
    List<SyntheticEpisode> everything = new ArrayList<>(early);
    everything.addAll(spanning);
    everything.addAll(late);
    await().atMost(WAIT).until(() -> reader.episodes(site).size() >= everything.size());
    assertExactlyOnce(everything);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clients.verdicts())
                    .containsKeys(
                        everything.stream()
                            .map(SyntheticEpisode::episodeId)
                            .toArray(String[]::new)));
  }

  @Test
  void theConsumedOffsetsAreRecordedInTheSnapshotSummaryOfBothTables() {
    start(config);
    clients.publish(episode(100).events());
    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);

    for (var id : CuratedTables.all()) {
      Snapshot s = reader.table(id).currentSnapshot();
      assertThat(s.summary().keySet())
          .anyMatch(
              k -> k.startsWith(CuratedTables.OFFSETS_SUMMARY_PREFIX + "tributary.ingest.v1."));
    }
  }

  @Test
  void anInvalidConfigurationFailsWithOneLineThatSaysWhatToFix() {
    assertThatThrownBy(() -> CurationPipeline.start(config.withCommitInterval(Duration.ZERO)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("commitInterval")
        .hasMessageNotContaining("\n");
  }

  /** Exactly these episodes, one row each, with exactly their frames and matching content. */
  private void assertExactlyOnce(List<SyntheticEpisode> eps) {
    List<Record> rows = reader.episodes(site);
    assertThat(rows)
        .extracting(r -> (String) r.getField("episode_id"))
        .containsExactlyInAnyOrderElementsOf(
            eps.stream().map(SyntheticEpisode::episodeId).toList());
    Map<String, List<Record>> frames = framesById(reader.frames(site));
    Map<String, Record> byId = byId(rows);
    for (SyntheticEpisode ep : eps) {
      Record row = byId.get(ep.episodeId());
      assertThat(row.getField("sample_count")).isEqualTo(ep.sampleCount());
      List<Record> f = frames.get(ep.episodeId());
      assertThat(f).as("frames of %s", ep.episodeId()).hasSize(ep.sampleCount());
      assertThat(contentHash(f)).isEqualTo(ep.commit.getContentSha256());
    }
  }

  /** {@code JointContentHash} recomputed from the frames table. */
  @SuppressWarnings("unchecked")
  private static String contentHash(List<Record> frames) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(4);
      List<Record> sorted = new ArrayList<>(frames);
      sorted.sort(Comparator.comparingInt(r -> (Integer) r.getField("sample_index")));
      for (Record r : sorted) {
        List<Float> values = new ArrayList<>((List<Float>) r.getField("state"));
        List<Float> action = (List<Float>) r.getField("action");
        if (action != null) {
          values.addAll(action);
        }
        for (Float v : values) {
          b.clear();
          b.putInt(Float.floatToIntBits(v));
          d.update(b.array());
        }
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Record> byId(List<Record> rows) {
    return rows.stream()
        .collect(Collectors.toMap(r -> (String) r.getField("episode_id"), Function.identity()));
  }

  private static Map<String, List<Record>> framesById(List<Record> frames) {
    Map<String, List<Record>> out = new HashMap<>();
    for (Record r : frames) {
      out.computeIfAbsent((String) r.getField("episode_id"), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  /** The events of several episodes, interleaved as concurrent uploads would be. */
  private static List<IngestEvent> interleaved(List<SyntheticEpisode> eps) {
    List<List<IngestEvent>> queues = new ArrayList<>();
    eps.forEach(e -> queues.add(new ArrayList<>(e.events())));
    List<IngestEvent> out = new ArrayList<>();
    boolean any = true;
    while (any) {
      any = false;
      for (List<IngestEvent> q : queues) {
        if (!q.isEmpty()) {
          out.add(q.remove(0));
          any = true;
        }
      }
    }
    return out;
  }
}
