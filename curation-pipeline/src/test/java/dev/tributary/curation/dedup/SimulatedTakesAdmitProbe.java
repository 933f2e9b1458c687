package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.SimTakes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The near-duplicate admission of the pipeline benchmark's simulated takes alone (issue 17): 8 s
 * takes of the simulated SO-101 rig at 30 Hz, as {@code PipelineThroughputBenchmark} records them
 * (20 sites, their takes round-robin), sketched once, then admitted into a fresh default index per
 * round; thread CPU per admission and the work counted (two-moment passes, candidates aligned,
 * postings read). A measuring tool, not a test:
 *
 * <pre>
 * java -cp "curation-pipeline/target/test-classes:curation-pipeline/target/classes:$(cat
 *   curation-pipeline/target/dedup-bench-classpath.txt)" \
 *   dev.tributary.curation.dedup.SimulatedTakesAdmitProbe 300 6
 * </pre>
 */
public final class SimulatedTakesAdmitProbe {
  private SimulatedTakesAdmitProbe() {}

  public static void main(String[] args) {
    int takes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    List<TrajectorySketch> sketches = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < takes; i++) {
      String site = "site-" + (i % 20);
      SimTakes.Take take = SimTakes.record(site, i / 20, 8, 30);
      sketches.add(TrajectorySketch.of(take.trajectory(), take.jointNames()));
      ids.add(take.episodeId());
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      NearDuplicateIndex index = new NearDuplicateIndex();
      long matches = 0;
      long start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < takes; i++) {
        matches +=
            index.admit(ids.get(i), sketches.get(i), 0, FrameConfirmation.NONE).matches().size();
      }
      long ns = cpu.getCurrentThreadCpuTime() - start;
      System.out.printf(
          "round %d: admit %d us/take, matches %d, two-moment passes %d, aligned %d, postings read %d%n",
          round,
          ns / 1000 / takes,
          matches,
          index.twoMomentPasses(),
          index.alignments(),
          index.postingsRead());
    }
  }
}
