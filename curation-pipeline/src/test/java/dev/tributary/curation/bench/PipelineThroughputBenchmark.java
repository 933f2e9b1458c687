package dev.tributary.curation.bench;

import dev.tributary.curation.CurationPipeline;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.testing.KafkaTestClients;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.TopicInstaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Curation throughput, joint data only: N complete episodes are published to a real embedded broker
 * first, then one pipeline instance drains them into the Iceberg tables. Reports episodes per
 * second of wall time and per CPU-second of the curation thread (assembly, checks, scoring, Parquet
 * writing and Iceberg commits all run on it), i.e. per core.
 *
 * <p>Run: {@code load-tests/bin/pipeline-bench.sh [episodes] [samples-per-episode]}.
 */
public final class PipelineThroughputBenchmark {
  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 900;
    Path dir = Files.createTempDirectory("pipeline-bench");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin admin = Admin.create(p)) {
        TopicInstaller.ensure(admin, 3, (short) 1);
      }
      long publishStarted = System.nanoTime();
      try (KafkaTestClients clients = new KafkaTestClients(kafka.bootstrapServers())) {
        List<IngestEvent> batch = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
          SyntheticEpisode e =
              SyntheticEpisode.builder()
                  .episodeId(UUID.randomUUID().toString())
                  .siteId("site-" + (i % 20))
                  .samples(samples)
                  .chunkSize(150)
                  .cameras(List.of())
                  .seed(i)
                  .build();
          batch.addAll(e.events());
          if (batch.size() >= 2_000) {
            clients.publish(batch);
            batch.clear();
          }
        }
        clients.publish(batch);
      }
      System.out.printf(
          Locale.ROOT,
          "published %d episodes (%d samples each) in %.1f s%n",
          episodes,
          samples,
          (System.nanoTime() - publishStarted) / 1e9);

      LakeConfig lake = LakeConfig.embedded(dir.resolve("data"));
      PipelineConfig config = PipelineConfig.defaults(kafka.bootstrapServers(), lake);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long started = System.nanoTime();
      try (CurationPipeline pipeline = CurationPipeline.start(config, new SimpleMeterRegistry());
          LakeTables reader = LakeTables.open(lake)) {
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
        double cpu = curationCpuSeconds(threads);
        System.out.printf(
            Locale.ROOT,
            "| episodes | samples each | wall s | episodes/s (wall) | curation-thread CPU s |"
                + " episodes per CPU-second |%n|---|---|---|---|---|---|%n"
                + "| %d | %d | %.1f | %.1f | %.1f | %.1f |%n",
            rows,
            samples,
            wall,
            rows / wall,
            cpu,
            rows / cpu);
      }
    }
  }

  private static double curationCpuSeconds(ThreadMXBean threads) {
    long nanos = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("curation-")) {
        long cpu = threads.getThreadCpuTime(t.getId());
        if (cpu > 0) {
          nanos += cpu;
        }
      }
    }
    return nanos / 1e9;
  }
}
