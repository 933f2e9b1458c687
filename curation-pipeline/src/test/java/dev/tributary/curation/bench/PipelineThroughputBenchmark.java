package dev.tributary.curation.bench;

import dev.tributary.curation.CurationPipeline;
import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.testing.KafkaTestClients;
import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.infra.embedded.EmbeddedObjectStore;
import dev.tributary.recorder.sim.SimFaults;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.TopicInstaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Curation throughput on real simulated episodes (edge-recorder's {@code SimulatedRig}: 8 s at 30
 * Hz, one 320x240 15 fps H.264 camera, 20 sites). The episodes are recorded, their videos put in an
 * embedded S3Proxy and their events published to an embedded broker first; then one pipeline
 * instance drains them, once with joint checks only and once also sampling the videos (download, 8
 * decoded frames, camera checks, frame hashes, scene features). Reports episodes per second of wall
 * time and per CPU-second of the curation thread (assembly, checks, dedup, scoring, Parquet writing
 * and Iceberg commits all run on it), i.e. per core.
 *
 * <p>Run: {@code load-tests/bin/pipeline-bench.sh [episodes=300] [joints-only rounds=1] [video
 * rounds=1]}. The first joints-only round is the cold one (class loading, interpreted and C1 code
 * until the JIT catches up: what a freshly started pipeline pays); further rounds drain the same
 * events again in the same JVM, into new tables with a new consumer group, and show the warm cost
 * of the same work. Likewise the first video round pays the one-off costs of its own path (the S3
 * client's first requests, the video code's JIT), and further video rounds show its warm cost.
 * Since issue 17's fifth round a pipeline that samples videos loads FFmpeg's libraries and makes
 * its first store request at start-up on a thread of its own ({@code VideoWarmUp}), before the
 * curation thread polls: that CPU is not the curation thread's, and is reported in a column of its
 * own (and added in the last column). Here it is small: this JVM has loaded FFmpeg already to
 * record the videos.
 */
public final class PipelineThroughputBenchmark {
  private static final String AK = "bench";
  private static final String SK = "bench-secret";

  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int jointsRounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int videoRounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path dir = TempTree.create("pipeline-bench");
    long recordStarted = System.nanoTime();
    SimulatedVideos sim = new SimulatedVideos(dir.resolve("spools"));
    List<SimulatedVideos.Recorded> recorded = new ArrayList<>();
    for (int i = 0; i < episodes; i++) {
      recorded.add(sim.record("site-" + (i % 20), i, SimFaults.none(), 8, 1, 320, 240, 15));
    }
    System.out.printf(
        Locale.ROOT,
        "recorded %d simulated episodes in %.0f s%n",
        episodes,
        (System.nanoTime() - recordStarted) / 1e9);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
        EmbeddedObjectStore store = EmbeddedObjectStore.start(dir.resolve("s3"), 0, AK, SK)) {
      upload(store, recorded);
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin admin = Admin.create(p)) {
        TopicInstaller.ensure(admin, 3, (short) 1);
      }
      try (KafkaTestClients clients = new KafkaTestClients(kafka.bootstrapServers())) {
        List<IngestEvent> events = new ArrayList<>();
        for (SimulatedVideos.Recorded r : recorded) {
          events.addAll(events(r));
        }
        clients.publish(events);
      }
      System.out.println(
          "| mode | episodes | wall s | episodes/s (wall) | curation-thread CPU s |"
              + " episodes per CPU-second | start-up warm-up CPU s (own thread) |"
              + " per CPU-second counting the warm-up |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      PipelineConfig base =
          PipelineConfig.defaults(
              kafka.bootstrapServers(), LakeConfig.embedded(dir.resolve("lake-joints")));
      run("joints only", base.withGroupId("bench-joints").withInstanceId("joints"), episodes);
      for (int round = 1; round < jointsRounds; round++) {
        // the same drain again in this JVM: classes loaded, the JIT warm (new tables, new group)
        String id = "joints" + round;
        run(
            "joints only, round " + (round + 1) + " (warm JVM)",
            base.withLake(LakeConfig.embedded(dir.resolve("lake-" + id)))
                .withGroupId("bench-" + id)
                .withInstanceId(id),
            episodes);
      }
      for (int round = 0; round < videoRounds; round++) {
        String id = round == 0 ? "video" : "video" + round;
        PipelineConfig withVideo =
            base.withLake(LakeConfig.embedded(dir.resolve("lake-" + id)))
                .withGroupId("bench-" + id)
                .withInstanceId(id)
                .withObjectStore(PipelineConfig.ObjectStore.of(store.endpoint(), AK, SK));
        run(
            round == 0
                ? "joints + video sampling"
                : "joints + video sampling, round " + (round + 1) + " (warm JVM)",
            withVideo,
            episodes);
      }
    }
  }

  private static void run(String mode, PipelineConfig config, int episodes) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long started = System.nanoTime();
    try (CurationPipeline pipeline = CurationPipeline.start(config, new SimpleMeterRegistry());
        LakeTables reader = LakeTables.open(config.lake())) {
      Table table = reader.episodes();
      long rows = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (rows < episodes && System.nanoTime() < deadline) {
        Thread.sleep(200);
        table.refresh();
        Snapshot s = table.currentSnapshot();
        rows = s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-records", "0"));
      }
      double wall = (System.nanoTime() - started) / 1e9;
      double cpu = cpuSeconds(threads, "curation-" + config.instanceId());
      // the video path's one-off start-up work, on its own thread (CurationPipeline#videoWarmUpCpu)
      double warmUp = Math.max(0, pipeline.videoWarmUpCpu().toNanos()) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %.1f |%n",
          mode,
          rows,
          wall,
          rows / wall,
          cpu,
          rows / cpu,
          warmUp,
          rows / (cpu + warmUp));
    }
  }

  private static List<IngestEvent> events(SimulatedVideos.Recorded r) {
    AssembledEpisode e = r.episode();
    List<Object> payloads = new ArrayList<>();
    payloads.add(e.manifest());
    payloads.addAll(r.spooled().chunks());
    payloads.addAll(e.videos());
    payloads.add(e.commit());
    List<IngestEvent> out = new ArrayList<>();
    for (Object payload : payloads) {
      out.add(
          IngestEvent.newBuilder()
              .setSiteId(e.siteId())
              .setEpisodeId(e.episodeId())
              .setReceivedAtMicros(System.currentTimeMillis() * 1000)
              .setGatewayId("bench")
              .setPayload(payload)
              .build());
    }
    return out;
  }

  private static void upload(EmbeddedObjectStore store, List<SimulatedVideos.Recorded> recorded) {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(store.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      s3.createBucket(b -> b.bucket(PipelineConfig.ObjectStore.DEFAULT_BUCKET));
      for (SimulatedVideos.Recorded r : recorded) {
        for (VideoSegment v : r.episode().videos()) {
          s3.putObject(
              b -> b.bucket(PipelineConfig.ObjectStore.DEFAULT_BUCKET).key(v.getObjectKey()),
              RequestBody.fromFile(r.files().get(v.getCameraKey())));
        }
      }
    }
  }

  private static double cpuSeconds(ThreadMXBean threads, String name) {
    long nanos = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        long cpu = threads.getThreadCpuTime(t.getId());
        if (cpu > 0) {
          nanos += cpu;
        }
      }
    }
    return nanos / 1e9;
  }
}
