package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.consume.CommitStageListener;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.testing.CuratedTableReader;
import dev.tributary.curation.testing.KafkaTestClients;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.TopicInstaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a real KRaft broker and a real Iceberg catalog (SQLite + local warehouse). Tests
 * share one broker: each uses its own site, seeds, consumer group and lake, and reads back only its
 * own site's rows.
 */
abstract class PipelineITSupport {
  static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path kafkaDir;
  static EmbeddedKafka kafka;
  static KafkaTestClients clients;

  @TempDir Path dataDir;
  final Random random = new Random();
  final List<CurationPipeline> pipelines = new ArrayList<>();
  String site;
  LakeConfig lake;
  PipelineConfig config;
  CuratedTableReader reader;

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
            .withCommitInterval(Duration.ofMillis(300))
            // every restart and assignment then loads a saved memory and catches it up
            .withIndexSaveInterval(Duration.ofSeconds(1));
    reader = new CuratedTableReader(lake);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (CurationPipeline p : pipelines) {
      p.close();
    }
    reader.close();
  }

  CurationPipeline start(PipelineConfig c) {
    return start(c, CommitStageListener.none());
  }

  CurationPipeline start(PipelineConfig c, CommitStageListener listener) {
    return start(c, QualityChecker.none(), listener);
  }

  CurationPipeline start(PipelineConfig c, QualityChecker quality, CommitStageListener listener) {
    CurationPipeline p = CurationPipeline.start(c, new SimpleMeterRegistry(), quality, listener);
    pipelines.add(p);
    return p;
  }

  SyntheticEpisode episode(int samples) {
    return SyntheticEpisode.builder()
        .siteId(site)
        .seed(random.nextLong())
        .samples(samples)
        .chunkSize(64)
        .build();
  }

  List<SyntheticEpisode> episodes(int n) {
    List<SyntheticEpisode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(episode(90 + random.nextInt(200)));
    }
    return out;
  }

  /** Exactly these episodes, one row each, with exactly their frames and matching content. */
  void assertExactlyOnce(List<SyntheticEpisode> eps) {
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
  static String contentHash(List<Record> frames) {
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

  static Map<String, Record> byId(List<Record> rows) {
    return rows.stream()
        .collect(Collectors.toMap(r -> (String) r.getField("episode_id"), Function.identity()));
  }

  static Map<String, List<Record>> framesById(List<Record> frames) {
    Map<String, List<Record>> out = new HashMap<>();
    for (Record r : frames) {
      out.computeIfAbsent((String) r.getField("episode_id"), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  /** The events of several episodes, interleaved as concurrent uploads would be. */
  static List<IngestEvent> interleaved(List<SyntheticEpisode> eps) {
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
