package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 16, eighth round (diagnosis only): which of an original's landmarks an exact trim keeps,
 * moves or loses, and how each was timed. For each original of the held-out folder ({@code
 * -Dtributary.realHeldOutData=DIR}, first half of each site) and a fixed trim (args: head and tail
 * fractions, default 0.35 0.30), every landmark of the original at least 0.3 s inside the clip is
 * kept (same code within 30 ms in the clip's sketch), moved (same code within 0.5 s) or lost; its
 * timing in the original is a level of at most 1 s ({@code level}) or the half-maximum centre of a
 * broad peak ({@code half-max}); in the clip the half-maximum may reach a cut ({@code cut}: timed
 * at the argmax). Prints per dataset counts; a third arg (an episode id) also prints that take's
 * landmarks one by one (original and clip timing). Not a test: run its main on the test classpath.
 */
public final class TrimLandmarkLossDiagnostics {
  private TrimLandmarkLossDiagnostics() {}

  public static void main(String[] args) throws Exception {
    double head = args.length > 0 ? Double.parseDouble(args[0]) : 0.35;
    double tail = args.length > 1 ? Double.parseDouble(args[1]) : 0.30;
    DedupEvaluation.Corpus c = RealTakes.loadHeldOut(Files.createTempDirectory("trim-loss"));
    Map<String, int[]> byDataset = new TreeMap<>();
    // counts: 0 in clip, 1 kept, 2 moved, 3 lost; 4 level-timed, 5 level kept; 6 half-max timed,
    // 7 half-max kept, 8 half-max whose clip flank reaches a cut, 9 of those kept
    for (List<SimTakes.Take> site : c.sites()) {
      for (SimTakes.Take o : site.subList(0, Math.max(1, site.size() / 2))) {
        Transforms.Edited e = Transforms.trim(o.trajectory(), head, tail);
        double off = e.trimStartS();
        TrajectorySketch so = TrajectorySketch.of(o.trajectory(), o.jointNames());
        TrajectorySketch sc = TrajectorySketch.of(e.trajectory(), o.jointNames());
        String ds = o.episodeId().substring(0, o.episodeId().indexOf('/'));
        int[] n = byDataset.computeIfAbsent(ds, k -> new int[10]);
        double len = sc.durationS();
        double[][] vo = new double[so.joints()][];
        double[][] vc = new double[so.joints()][];
        for (int j = 0; j < so.joints(); j++) {
          vo[j] = LandmarkShapeDiagnostics.speed(o.trajectory(), j);
          vc[j] = LandmarkShapeDiagnostics.speed(e.trajectory(), j);
        }
        for (int i = 0; i < so.landmarks(); i++) {
          double tt = so.landmarkTimeS(i) - off;
          if (tt < 0.3 || tt > len - 0.3) {
            continue;
          }
          n[0]++;
          int code = so.landmarkCode(i);
          double best = Double.POSITIVE_INFINITY;
          for (int k = 0; k < sc.landmarks(); k++) {
            if (sc.landmarkCode(k) == code) {
              best = Math.min(best, Math.abs(sc.landmarkTimeS(k) - tt));
            }
          }
          boolean kept = best <= 0.03;
          n[kept ? 1 : best <= 0.5 ? 2 : 3]++;
          int j = code / 2;
          double sign = code % 2 == 1 ? -1 : 1;
          int ko = argmaxNear(vo[j], so.landmarkTimeS(i), sign);
          double[] hmO = TrajectorySketcher.halfMaximum(vo[j], ko, sign, sign * vo[j][ko]);
          double lc = TrajectorySketcher.levelCentre(vo[j], ko, sign, sign * vo[j][ko]);
          boolean halfMaxTimed = hmO != null && Math.abs(lc - hmO[0]) < 1e-9 && hmO[1] > 1.0;
          if (args.length > 2 && o.episodeId().equals(args[2])) {
            int kc = argmaxNear(vc[j], tt, sign);
            double[] hmC = TrajectorySketcher.halfMaximum(vc[j], kc, sign, sign * vc[j][kc]);
            double lcC = TrajectorySketcher.levelCentre(vc[j], kc, sign, sign * vc[j][kc]);
            System.out.printf(
                "  code %d at %.3f (clip %.3f): nearest %.3f; orig level %.3f hm %s; clip level"
                    + " %.3f hm %s; peak %.4g / %.4g%n",
                code,
                so.landmarkTimeS(i),
                tt,
                best,
                lc,
                hmO == null ? "-" : String.format("%.3f w %.2f", hmO[0], hmO[1]),
                lcC + off,
                hmC == null ? "-" : String.format("%.3f w %.2f", hmC[0] + off, hmC[1]),
                sign * vo[j][ko],
                sign * vc[j][kc]);
          }
          if (!halfMaxTimed) {
            n[4]++;
            n[5] += kept ? 1 : 0;
          } else {
            n[6]++;
            n[7] += kept ? 1 : 0;
            int kc = argmaxNear(vc[j], tt, sign);
            double[] hmC = TrajectorySketcher.halfMaximum(vc[j], kc, sign, sign * vc[j][kc]);
            if (hmC == null) {
              n[8]++;
              n[9] += kept ? 1 : 0;
            }
          }
        }
      }
    }
    System.out.printf(
        "trim head %.2f tail %.2f | dataset | landmarks in clip | kept | moved | lost | level-timed"
            + " (kept) | half-max-timed (kept) | of those, flank reaches a cut in the clip (kept)%n",
        head, tail);
    byDataset.forEach(
        (ds, n) ->
            System.out.printf(
                "| %s | %d | %d | %d | %d | %d (%d) | %d (%d) | %d (%d) |%n",
                ds, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9]));
  }

  private static int argmaxNear(double[] v, double timeS, double sign) {
    int k = (int) Math.round(timeS * TrajectorySketcher.GRID_HZ);
    k = Math.max(1, Math.min(v.length - 2, k));
    int best = k;
    for (int m = Math.max(1, k - 6); m <= Math.min(v.length - 2, k + 6); m++) {
      if (sign * v[m] > sign * v[best]) {
        best = m;
      }
    }
    return best;
  }
}
