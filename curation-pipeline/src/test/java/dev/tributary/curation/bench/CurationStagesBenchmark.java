package dev.tributary.curation.bench;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.EpisodeAssembler;
import dev.tributary.curation.iceberg.CuratedRows;
import dev.tributary.curation.iceberg.DataFileWriter;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.quality.JointQualityChecker;
import dev.tributary.curation.quality.QualityThresholds;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.curation.verdict.Decided;
import dev.tributary.curation.verdict.Decision;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.recorder.sim.SimFaults;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.table.LakeConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * The curation thread's per-episode work, without Kafka: decoding the ingest events, assembly, the
 * decision (checks, exact and near-duplicate lookup, diversity), building the rows, writing the
 * Parquet files and committing them (a batch of 100 episodes per commit), each in thread CPU time
 * per episode. The same joints as {@link PipelineThroughputBenchmark} (edge-recorder's {@code
 * SimulatedRig}, 8 s at 30 Hz, 6 joints, 20 sites), recorded without video. Each round starts from
 * empty memory and fresh tables, so later rounds show the warmed-up JIT.
 *
 * <p>Run: {@code BENCH_MAIN=dev.tributary.curation.bench.CurationStagesBenchmark
 * load-tests/bin/pipeline-bench.sh <episodes> <rounds>} (BENCHMARKS.md, issue 17).
 */
public final class CurationStagesBenchmark {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Path dir = TempTree.create("stage-bench");
    SimulatedVideos sim = new SimulatedVideos(dir.resolve("spools"));
    AvroCodec<IngestEvent> codec = AvroCodec.of(IngestEvent.class);
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SimulatedVideos.Recorded r =
          sim.record("site-" + (i % 20), i, SimFaults.none(), 8, 0, 320, 240, 15);
      AssembledEpisode e = r.episode();
      List<Object> payloads = new ArrayList<>();
      payloads.add(e.manifest());
      payloads.addAll(r.spooled().chunks());
      payloads.add(e.commit());
      for (Object p : payloads) {
        events.add(
            codec.encode(
                IngestEvent.newBuilder()
                    .setSiteId(e.siteId())
                    .setEpisodeId(e.episodeId())
                    .setReceivedAtMicros(1_700_000_000_000_000L)
                    .setGatewayId("bench")
                    .setPayload(p)
                    .build()));
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long[] cpu = new long[6];
      String[] names = {"decode", "assemble", "decide", "rows", "write", "commit"};
      try (LakeTables lake = LakeTables.open(LakeConfig.embedded(dir.resolve("lake-" + round)))) {
        EpisodeAssembler assembler = new EpisodeAssembler(Duration.ofMinutes(10), 10_000);
        CurationMemory memory = CurationMemory.empty();
        EpisodeDecider decider =
            new EpisodeDecider(new JointQualityChecker(QualityThresholds.defaults()));
        DataFileWriter writer = new DataFileWriter("bench");
        List<AssembledEpisode> batchE = new ArrayList<>();
        List<Decision> batchD = new ArrayList<>();
        long offset = 0;
        int decided = 0;
        for (byte[] bytes : events) {
          long t0 = mx.getCurrentThreadCpuTime();
          IngestEvent ev = codec.decode(bytes);
          long t1 = mx.getCurrentThreadCpuTime();
          Optional<AssembledEpisode> done = assembler.accept(ev, 0, offset++, 0);
          long t2 = mx.getCurrentThreadCpuTime();
          cpu[0] += t1 - t0;
          cpu[1] += t2 - t1;
          if (done.isEmpty()) continue;
          AssembledEpisode e = done.get();
          Decided decided1 = decider.decide(e, memory);
          memory.record(decided1.remember());
          Decision d = decided1.decision();
          cpu[2] += mx.getCurrentThreadCpuTime() - t2;
          batchE.add(e);
          batchD.add(d);
          decided++;
          if (batchE.size() == 100 || decided == n) {
            long r0 = mx.getCurrentThreadCpuTime();
            // frames are written from the joint columns (no rows built: DataFileWriter.writeFrames)
            List<AssembledEpisode> frames = new ArrayList<>();
            List<Record> episodes = new ArrayList<>();
            for (int k = 0; k < batchE.size(); k++) {
              if (batchD.get(k).keepsFrames()) frames.add(batchE.get(k));
              episodes.add(
                  CuratedRows.episode(batchE.get(k), batchD.get(k), 1_700_000_000_000_000L));
            }
            long r1 = mx.getCurrentThreadCpuTime();
            List<DataFile> ff = writer.writeFrames(lake.frames(), frames);
            List<DataFile> ef = writer.write(lake.episodes(), episodes);
            long r2 = mx.getCurrentThreadCpuTime();
            commit(lake.frames(), ff);
            commit(lake.episodes(), ef);
            long r3 = mx.getCurrentThreadCpuTime();
            cpu[3] += r1 - r0;
            cpu[4] += r2 - r1;
            cpu[5] += r3 - r2;
            batchE.clear();
            batchD.clear();
          }
        }
        long total = 0;
        StringBuilder b =
            new StringBuilder(
                String.format(Locale.ROOT, "round %d (%d episodes):", round, decided));
        for (int s = 0; s < cpu.length; s++) {
          total += cpu[s];
          b.append(String.format(Locale.ROOT, " %s %.0f", names[s], cpu[s] / 1e3 / decided));
        }
        b.append(
            String.format(
                Locale.ROOT,
                " | total %.0f us/episode = %.0f episodes per CPU-second",
                total / 1e3 / decided,
                decided / (total / 1e9)));
        System.out.println(b);
      }
    }
  }

  private static void commit(Table table, List<DataFile> files) {
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
  }
}
