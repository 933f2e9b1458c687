package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Issue 16, tenth round (diagnosis): how many landmarks of each original of the held-out folder
 * ({@code -Dtributary.realHeldOutData=DIR}, first half of each site) a cubic resample to 15, 30, 60
 * and 100 Hz keeps within half a hash time bin (12.5 ms) and within 30 ms, per dataset. Landmarks
 * within 0.3 s of either end are counted apart (the ends are where {@link
 * TrajectorySketcher#END_SAMPLES} acts). Not a test: run its main on the test classpath.
 */
public final class ResampleLandmarkDiagnostics {
  private ResampleLandmarkDiagnostics() {}

  public static void main(String[] args) throws Exception {
    DedupEvaluation.Corpus c = RealTakes.loadHeldOut(Files.createTempDirectory("resample-loss"));
    Map<String, int[]> byDataset = new TreeMap<>();
    // counts: 0 inner landmarks, 1 kept 12.5 ms, 2 kept 30 ms; 3 end landmarks, 4 kept 12.5 ms,
    // 5 kept 30 ms
    SplittableRandom random = new SplittableRandom(16);
    for (List<SimTakes.Take> site : c.sites()) {
      for (SimTakes.Take o : site.subList(0, Math.max(1, site.size() / 2))) {
        TrajectorySketch so = TrajectorySketch.of(o.trajectory(), o.jointNames());
        String ds = o.episodeId().substring(0, o.episodeId().indexOf('/'));
        int[] n = byDataset.computeIfAbsent(ds, k -> new int[6]);
        for (double rate : new double[] {15, 30, 60, 100}) {
          Transforms.Edited e = Transforms.resample(o.trajectory(), rate, random);
          TrajectorySketch sc = TrajectorySketch.of(e.trajectory(), o.jointNames());
          double len = so.durationS();
          double phase = e.trimStartS();
          for (int i = 0; i < so.landmarks(); i++) {
            double t = so.landmarkTimeS(i);
            int at = t < 0.3 || t > len - 0.3 ? 3 : 0;
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < sc.landmarks(); k++) {
              if (sc.landmarkCode(k) == so.landmarkCode(i)) {
                best = Math.min(best, Math.abs(sc.landmarkTimeS(k) + phase - t));
              }
            }
            n[at]++;
            n[at + 1] += best <= 0.0125 ? 1 : 0;
            n[at + 2] += best <= 0.03 ? 1 : 0;
          }
        }
      }
    }
    System.out.println(
        "dataset | inner landmarks | kept 12.5 ms | kept 30 ms | within 0.3 s of an end | kept"
            + " 12.5 ms | kept 30 ms");
    int[] all = new int[6];
    for (Map.Entry<String, int[]> e : byDataset.entrySet()) {
      int[] n = e.getValue();
      System.out.printf(
          "| %s | %d | %d | %d | %d | %d | %d |%n", e.getKey(), n[0], n[1], n[2], n[3], n[4], n[5]);
      for (int k = 0; k < 6; k++) {
        all[k] += n[k];
      }
    }
    System.out.printf(
        "| all | %d | %d | %d | %d | %d | %d |%n", all[0], all[1], all[2], all[3], all[4], all[5]);
  }
}
