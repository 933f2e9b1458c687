package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 16, seventh round (diagnosis, not a test): the confirmation alone, without the lookup's
 * luck, on every ordered pair of takes of one site. A's float16 copy (optionally also trimmed) is
 * aligned to take B over every offset where one lies >= 90 % inside the other; a pair A != B that
 * passes the shipped rule is a false pair the lookup may or may not hand it; A == B is the true
 * copy. Per joint coarse only in the copy (levels < MIN_LEVELS in the copy, >= in the stored take),
 * it prints the corrected correlation and its quantisation noise {@code Nq/Vq + Ns/Vs}, and the
 * ratio {@code (1 - corr) / noise}: how far beyond its quantisation the joint disagrees.
 *
 * <p>Args: source ({@code real}, {@code heldout} or a family name such as {@code STIR}), sites for
 * a family (default 12), {@code trim} to cut 20 % off each end of the copy as well. Real folders:
 * {@code -Dtributary.realData}, {@code -Dtributary.realHeldOutData}.
 */
public final class CoarseCopyDiagnostics {
  private CoarseCopyDiagnostics() {}

  public static void main(String[] args) throws Exception {
    String source = args.length > 0 ? args[0] : "heldout";
    int sitesWanted = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    boolean trim = args.length > 2 && args[2].equals("trim");
    List<List<SimTakes.Take>> sites;
    if (source.equals("real") || source.equals("heldout")) {
      DedupEvaluation.Corpus c =
          source.equals("real")
              ? RealTakes.load(Files.createTempDirectory("coarse-copy"))
              : RealTakes.loadHeldOut(Files.createTempDirectory("coarse-copy"));
      sites = c.sites();
    } else {
      sites =
          DedupEvaluation.generate(
                  new DedupEvaluation.Split("tune", sitesWanted, 8, 8),
                  List.of(MotionFamilies.Family.valueOf(source)))
              .get(0)
              .sites();
    }
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    int truePass = 0;
    int trueAll = 0;
    int falsePass = 0;
    double worstTrueRatio = 0;
    List<Double> falseRatios = new ArrayList<>();
    List<Double> trueRatios = new ArrayList<>();
    for (List<SimTakes.Take> site : sites) {
      List<CoarseTrajectory> stored = new ArrayList<>();
      List<CoarseTrajectory> copies = new ArrayList<>();
      List<Double> cutAt = new ArrayList<>();
      for (SimTakes.Take t : site) {
        stored.add(TrajectorySketch.of(t.trajectory(), t.jointNames()).coarse());
        Transforms.Edited f = Transforms.float16(t.trajectory());
        if (trim) {
          f = Transforms.trim(f.trajectory(), 0.2, 0.2);
        }
        cutAt.add(f.trimStartS());
        copies.add(TrajectorySketch.of(f.trajectory(), t.jointNames()).coarse());
      }
      for (int a = 0; a < site.size(); a++) {
        CoarseTrajectory q = copies.get(a);
        for (int b = 0; b < site.size(); b++) {
          CoarseTrajectory s = stored.get(b);
          if (s.joints() != q.joints()) {
            continue;
          }
          // The true copy at its true offset (the search from there); another take anywhere.
          AlignedCorrelation.Alignment best =
              a == b ? trueOffset(q, s, cutAt.get(a), rule) : best(q, s, rule);
          if (best == null) {
            if (a == b) {
              trueAll++;
              System.out.printf("TRUE-MISS %s: no alignment%n", site.get(a).episodeId());
            }
            continue;
          }
          boolean passes =
              best.correlation() >= rule.requiredCorrelation(best.sameUnits(), best.unitChange())
                  && !best.onlyShifted();
          double ratio = worstRatio(q, s, best.offsetS(), null);
          if (a == b) {
            trueAll++;
            truePass += passes ? 1 : 0;
            if (passes) {
              worstTrueRatio = Math.max(worstTrueRatio, ratio);
              trueRatios.add(ratio);
            }
            if (!passes || ratio > 0.3) {
              StringBuilder line = new StringBuilder();
              worstRatio(q, s, best.offsetS(), line);
              System.out.printf(
                  "TRUE %s %s: %.5f sameUnits %s joints %d, worst ratio %.3f;%s%n",
                  passes ? "pass" : "MISS",
                  site.get(a).episodeId(),
                  best.correlation(),
                  best.sameUnits(),
                  best.joints(),
                  ratio,
                  line);
            }
          } else if (passes) {
            falsePass++;
            falseRatios.add(ratio);
            StringBuilder line = new StringBuilder();
            worstRatio(q, s, best.offsetS(), line);
            System.out.printf(
                "FALSE %s -> %s: %.5f sameUnits %s joints %d offset %.2f, worst ratio %.3f;%s%n",
                site.get(a).episodeId(),
                site.get(b).episodeId(),
                best.correlation(),
                best.sameUnits(),
                best.joints(),
                best.offsetS(),
                ratio,
                line);
          }
        }
      }
    }
    falseRatios.sort(null);
    for (double k : new double[] {8, 16, 32}) {
      long falseLeft = falseRatios.stream().filter(r -> r <= k).count();
      long trueLost = trueRatios.stream().filter(r -> r > k).count();
      System.out.printf(
          "margin %.0f: false pairs left %d of %d, true copies lost %d of %d passing%n",
          k, falseLeft, falseRatios.size(), trueLost, trueRatios.size());
    }
    System.out.printf(
        "%s%s: true copies passing %d/%d (worst coarse-only ratio among them %.3f); false pairs"
            + " passing the shipped rule %d, their worst coarse-only ratios %s%n",
        source,
        trim ? " (float16 + trim 20 %/20 %)" : " (float16)",
        truePass,
        trueAll,
        worstTrueRatio,
        falsePass,
        falseRatios);
  }

  private static AlignedCorrelation.Alignment trueOffset(
      CoarseTrajectory q, CoarseTrajectory s, double offsetS, NearDuplicateConfig rule) {
    AlignedCorrelation.Alignment a =
        AlignedCorrelation.align(q, s, offsetS, -2, rule.minCorrelation() - 0.002);
    return a.correlation() < 0 ? null : a;
  }

  /** The best-correlated alignment that covers (one >= 90 % inside the other, >= 1.2 s). */
  private static AlignedCorrelation.Alignment best(
      CoarseTrajectory q, CoarseTrajectory s, NearDuplicateConfig rule) {
    double spanQ = q.spanS();
    double spanS = s.spanS();
    double needed = Math.max(rule.minOverlapS(), rule.wholeCoverage() * Math.min(spanQ, spanS));
    double lo = Math.min(0, spanS - spanQ) - 0.15 * Math.min(spanQ, spanS);
    double hi = Math.max(0, spanS - spanQ) + 0.15 * Math.min(spanQ, spanS);
    AlignedCorrelation.Alignment best = null;
    for (double g = lo; g <= hi + 1e-9; g += 0.05) {
      AlignedCorrelation.Alignment a =
          AlignedCorrelation.align(
              q, s, g, rule.minCorrelation() - 0.1, rule.minCorrelation() - 0.002);
      if (a.overlapS() < needed - 1e-9 || a.correlation() < 0) {
        continue;
      }
      if (best == null || a.correlation() > best.correlation()) {
        best = a;
      }
    }
    return best;
  }

  /**
   * The largest {@code (1 - corr) / noise} over the joints coarse only in the copy that move;
   * appends each one's numbers to {@code out} when not null.
   */
  static double worstRatio(
      CoarseTrajectory q, CoarseTrajectory s, double offsetS, StringBuilder out) {
    double worst = 0;
    double start = Math.max(0, -offsetS);
    double end = Math.min(q.spanS(), s.spanS() - offsetS);
    double edge = end - start > 2 * AlignedCorrelation.EDGE_S + 1 ? AlignedCorrelation.EDGE_S : 0;
    boolean onQueryGrid = q.rateHz() <= s.rateHz();
    CoarseTrajectory grid = onQueryGrid ? q : s;
    double shift = onQueryGrid ? 0 : offsetS;
    int first = (int) Math.ceil((start + edge + shift) * grid.rateHz() - 1e-9);
    int last = (int) Math.floor((end - edge + shift) * grid.rateHz() + 1e-9);
    int n = last - first + 1;
    if (n < 4) {
      return 0;
    }
    for (int j = 0; j < q.joints(); j++) {
      boolean moves =
          s.motionRatio(j) >= AlignedCorrelation.MIN_MOTION_RATIO
              && (q.spanS() < s.spanS() || q.motionRatio(j) >= AlignedCorrelation.MIN_MOTION_RATIO);
      boolean coarseOnlyInCopy =
          q.levels(j) < AlignedCorrelation.MIN_LEVELS
              && s.levels(j) >= AlignedCorrelation.MIN_LEVELS;
      if (!moves || !coarseOnlyInCopy) {
        continue;
      }
      AlignedCorrelation.Moments m =
          AlignedCorrelation.Moments.of(q, s, j, first, last, grid.rateHz(), onQueryGrid, offsetS);
      double vx = m.varX();
      double vy = m.varY();
      if (vx < 4 || vy < 4) {
        continue;
      }
      double cov = m.cov();
      double corr = cov / Math.sqrt((vx - 1.0 / 12) * (vy - 1.0 / 12));
      double noise = AlignedCorrelation.quantisationNoise(q.levels(j), vx, s.levels(j), vy);
      double ratio = (1 - corr) / noise;
      worst = Math.max(worst, ratio);
      if (out != null) {
        out.append(
            String.format(
                " j%d lv %d/%d vx %.0f corr %.5f noise %.5f ratio %.3f;",
                j, q.levels(j), s.levels(j), vx, corr, noise, ratio));
      }
    }
    return worst;
  }
}
