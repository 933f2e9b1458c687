package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Issue 16, round 7 read (diagnosis only), for the held-out folder ({@code
 * -Dtributary.realHeldOutData=DIR}): per take, its landmarks, corners, postings and query hashes
 * (why a sub-second take can never be looked up), then over the originals (first half of each site)
 * the distribution of their landmarks' half-maximum widths (how far a velocity peak's flanks reach:
 * a landmark whose flank reaches a trim cut is timed at its argmax instead). Not a test: run its
 * main on the test classpath.
 */
public final class LandmarkShapeDiagnostics {
  private LandmarkShapeDiagnostics() {}

  public static void main(String[] args) throws Exception {
    DedupEvaluation.Corpus c = RealTakes.loadHeldOut(Files.createTempDirectory("shape"));
    List<Double> widths = new ArrayList<>();
    int landmarks = 0;
    int open = 0;
    for (List<SimTakes.Take> site : c.sites()) {
      for (int n = 0; n < site.size(); n++) {
        SimTakes.Take o = site.get(n);
        TrajectorySketch s = TrajectorySketch.of(o.trajectory(), o.jointNames());
        int[] postings = new int[1];
        LandmarkHashes.forIndex(s, (h, t) -> postings[0]++);
        int[] query = new int[2];
        LandmarkHashes.forQuery(s, false, (h, t) -> query[0]++);
        LandmarkHashes.forQuery(s, true, (h, t) -> query[1]++);
        System.out.printf(
            "%s %.2f s, %d samples: %d landmarks, %d corners, %d postings, query hashes %d"
                + " (three-moment) %d (two-moment), %d coarse samples%n",
            o.episodeId(),
            s.durationS(),
            o.trajectory().samples(),
            s.landmarks(),
            s.cornerCount(),
            postings[0],
            query[0],
            query[1],
            s.coarse().samples());
        if (n >= Math.max(1, site.size() / 2)) {
          continue;
        }
        for (int j = 0; j < s.joints(); j++) {
          double[] v = speed(o.trajectory(), j);
          for (int l = 0; l < s.landmarks(); l++) {
            if (s.landmarkCode(l) / 2 != j) {
              continue;
            }
            landmarks++;
            double sign = s.landmarkCode(l) % 2 == 1 ? -1 : 1;
            int k = (int) Math.round(s.landmarkTimeS(l) * TrajectorySketcher.GRID_HZ);
            k = Math.max(1, Math.min(v.length - 2, k));
            int best = k;
            for (int m = Math.max(1, k - 6); m <= Math.min(v.length - 2, k + 6); m++) {
              if (sign * v[m] > sign * v[best]) {
                best = m;
              }
            }
            double[] hm = TrajectorySketcher.halfMaximum(v, best, sign, sign * v[best]);
            if (hm == null) {
              open++;
            } else {
              widths.add(hm[1]);
            }
          }
        }
      }
    }
    if (widths.isEmpty()) {
      return;
    }
    Collections.sort(widths);
    int n = widths.size();
    System.out.printf(
        "originals' landmarks %d (flank reaching an end %d): half-maximum width 10%% %.2f, 25%%"
            + " %.2f, median %.2f, 75%% %.2f, 90%% %.2f s; share >= 1 s %.2f%n",
        landmarks,
        open,
        widths.get(n / 10),
        widths.get(n / 4),
        widths.get(n / 2),
        widths.get(3 * n / 4),
        widths.get(9 * n / 10),
        widths.stream().filter(x -> x >= 1).count() / (double) n);
  }

  /** The sketcher's smoothed velocity of one joint on its 20 Hz grid (same steps, re-done here). */
  static double[] speed(Trajectory t, int joint) {
    int sub = TrajectorySketcher.subSamples(t);
    double hz = TrajectorySketcher.GRID_HZ;
    int grid = (int) Math.floor(t.durationS() * hz) + 1;
    int nf = (grid - 1) * sub + 1;
    double[] fine = new double[nf];
    int i = 0;
    for (int k = 0; k < nf; k++) {
      double time = t.timeS(0) + k / (hz * sub);
      while (i < t.samples() - 2 && t.timeS(i + 1) <= time) {
        i++;
      }
      double t0 = t.timeS(i);
      double t1 = t.timeS(i + 1);
      double f = t1 > t0 ? Math.max(0, Math.min(1, (time - t0) / (t1 - t0))) : 0;
      fine[k] = t.value(i, joint) + (t.value(i + 1, joint) - t.value(i, joint)) * f;
    }
    double[] s =
        TrajectorySketcher.gaussianOnGrid(
            fine, TrajectorySketcher.SMOOTHING_S * hz * sub, sub, grid);
    double[] v = new double[grid];
    for (int k = 1; k < grid - 1; k++) {
      v[k] = (s[k + 1] - s[k - 1]) * hz / 2;
    }
    return v;
  }
}
