package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 16, round 7 read (diagnosis only): every false pair of the held-out folder ({@code
 * -Dtributary.realHeldOutData=DIR}, alone in a permissive index, the benchmark's draws; args:
 * split, copies per original) at the default rule: which original the query copies, which take it
 * matched, the joints compared and each joint's correlation, range and float16 step there; then the
 * same comparison for the untouched original (why its RENAME copy is not a false pair). Not a test:
 * run its main on the test classpath.
 */
public final class FalsePairDiagnostics {
  private FalsePairDiagnostics() {}

  public static void main(String[] args) throws Exception {
    String split = args.length > 0 ? args[0] : "test";
    int copies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    DedupEvaluation.Corpus c =
        RealTakes.loadHeldOut(Files.createTempDirectory("false-pairs"))
            .withCopiesPerOriginal(copies);
    Map<String, SimTakes.Take> takes = new HashMap<>();
    c.sites().forEach(site -> site.forEach(t -> takes.put(t.episodeId(), t)));
    NearDuplicateIndex index = DedupEvaluation.permissiveIndex();
    List<Query> queries =
        DedupEvaluation.run(new DedupEvaluation.Split(split, 12, 8, 8), List.of(c), index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    for (Query q : queries) {
      for (NearDuplicateMatch m : q.found()) {
        if (m.correlation() < rule.requiredCorrelation(m)
            || q.expected().contains(m.originalEpisodeId())) {
          continue;
        }
        String a = q.expected().isEmpty() ? "(new take)" : q.expected().iterator().next();
        System.out.printf(
            "%s %s: copy of %s -> %s, correlation %.5f, sameUnits %s, offset %.2f s, overlap %.2f"
                + " s, votes %d%n",
            q.family(),
            q.transform(),
            a,
            m.originalEpisodeId(),
            m.correlation(),
            m.sameUnits(),
            m.offsetS(),
            m.overlapS(),
            m.votes());
        CoarseTrajectory stored = index.coarseOf(index.episodeNumber(m.originalEpisodeId()));
        print("  float16 copy vs B", q.sketch().coarse(), stored, m.offsetS(), takes.get(a));
        if (takes.containsKey(a)) {
          SimTakes.Take o = takes.get(a);
          CoarseTrajectory own = TrajectorySketch.of(o.trajectory(), o.jointNames()).coarse();
          print("  original A vs B ", own, stored, m.offsetS(), o);
          AlignedCorrelation.Alignment best =
              AlignedCorrelation.align(own, stored, m.offsetS(), -2);
          System.out.printf(
              "  original A vs B, best alignment: %.5f at %.2f s, sameUnits %s, %d joints%n",
              best.correlation(), best.offsetS(), best.sameUnits(), best.joints());
        }
      }
    }
  }

  private static void print(
      String what, CoarseTrajectory q, CoarseTrajectory s, double off, SimTakes.Take o) {
    double[] per = new double[q.joints()];
    AlignedCorrelation.Alignment a = AlignedCorrelation.at(q, s, off, per);
    StringBuilder b =
        new StringBuilder(
            String.format(
                "%s: %.5f, sameUnits %s, %d joints compared; per joint (corr, range, float16 steps"
                    + " in range, motion ratio q/s):",
                what, a.correlation(), a.sameUnits(), a.joints()));
    for (int j = 0; j < per.length; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double big = 0;
      for (int i = 0; o != null && i < o.trajectory().samples(); i++) {
        double v = o.trajectory().value(i, j);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        big = Math.max(big, Math.abs(v));
      }
      double ulp = Math.ulp((float) big) * Math.pow(2, 13);
      b.append(
          String.format(
              " j%d %.5f %.4g %.0f %d/%d;",
              j, per[j], hi - lo, (hi - lo) / ulp, q.motionRatio(j), s.motionRatio(j)));
    }
    System.out.println(b);
  }
}
