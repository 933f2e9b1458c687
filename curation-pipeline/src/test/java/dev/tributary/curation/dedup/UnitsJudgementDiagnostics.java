package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.DedupEvaluation.Transform;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 16, twelfth round: why the confirmation's "same units?" judgement fails (see {@link
 * AlignedCorrelation#at}'s identity test: slope within 3 %, the values' means within 1 % of the
 * stored joint's range). Not a test: run its main on the test classpath like {@link
 * MissedPairDiagnostics}, with {@code -Dtributary.realHeldOutData=DIR}, args: copies per original
 * (1 or 3), then the transforms to trace (default RESAMPLE,TRIM_RESAMPLE_UNITS,CONCATENATION).
 *
 * <p>For every expected pair whose alignment at the true offset (a concatenation's parts: at the
 * expected offset, else where the part was matched) reaches {@code minCorrelation} but is judged
 * other units by the code under test, and for every match of a new take of the site (the permissive
 * index's, at {@code minCorrelation} or above: what the identity test must keep out), prints per
 * compared joint: the slope of the fitted map in real units, the shift of the values' means as a
 * share of the stored joint's range, the stored joint's standard deviation in codes, its range in
 * real units, the overlap's samples and which part of the test fails, all fitted on every sample
 * (as before the twelfth round's {@link AlignedCorrelation#UNITS_EDGE_S}); then the same fitted on
 * the samples 0.1, 0.2 and 0.3 s inside the overlap's ends.
 */
public final class UnitsJudgementDiagnostics {
  private UnitsJudgementDiagnostics() {}

  public static void main(String[] args) throws Exception {
    int copies = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Set<String> traced =
        Set.of(
            (args.length > 1 ? args[1] : "RESAMPLE,TRIM_RESAMPLE_UNITS,CONCATENATION").split(","));
    DedupEvaluation.Split s = new DedupEvaluation.Split("test", 12, 8, 8);
    Path temp = Files.createTempDirectory("units-judgement");
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>();
    DedupEvaluation.Corpus heldOut = RealTakes.loadHeldOut(temp);
    if (heldOut != null) {
      corpora.add(heldOut.withCopiesPerOriginal(copies));
    }
    Map<String, SimTakes.Take> takes = MissedPairDiagnostics.takesById(corpora);
    NearDuplicateIndex index = DedupEvaluation.permissiveIndex();
    List<Query> queries = DedupEvaluation.run(s, corpora, index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    for (Query q : queries) {
      CoarseTrajectory clip = q.sketch().coarse();
      if (q.transform() == Transform.NEW_TAKE) {
        for (NearDuplicateMatch m : q.found()) {
          CoarseTrajectory stored = index.coarseOf(index.episodeNumber(m.originalEpisodeId()));
          AlignedCorrelation.Alignment a = AlignedCorrelation.align(clip, stored, m.offsetS(), -2);
          if (a.correlation() >= rule.minCorrelation()) {
            print("NEW_TAKE", q.log() + " ~ " + m.originalEpisodeId(), clip, stored, a);
          }
        }
        continue;
      }
      if (!traced.contains(q.transform().name())) {
        continue;
      }
      for (String expected : q.expected()) {
        SimTakes.Take o = takes.get(expected);
        CoarseTrajectory stored = index.coarseOf(index.episodeNumber(o.episodeId()));
        // A concatenation's parts: at the expected offset (its first part's) and where found.
        List<Double> offsets = new ArrayList<>(List.of(q.expectedOffsetS()));
        NearDuplicateMatch m = MissedPairDiagnostics.found(q, expected);
        if (q.transform() == Transform.CONCATENATION && m != null) {
          offsets.add(m.offsetS());
        }
        for (double off : offsets) {
          AlignedCorrelation.Alignment a = AlignedCorrelation.align(clip, stored, off, -2);
          if (a.correlation() >= rule.minCorrelation() && !a.sameUnits()) {
            print(q.transform().name(), q.log() + " <- " + o.episodeId(), clip, stored, a);
            break;
          }
        }
      }
    }
  }

  private static void print(
      String what,
      String pair,
      CoarseTrajectory q,
      CoarseTrajectory s,
      AlignedCorrelation.Alignment a) {
    double[] per = new double[q.joints()];
    AlignedCorrelation.at(q, s, a.offsetS(), per);
    StringBuilder b =
        new StringBuilder(
            String.format(
                "%s | %s | %.1f s, %s%s %.5f |",
                what,
                pair,
                a.overlapS(),
                a.sameUnits() ? "=" : "~",
                a.sameScale() ? " sameScale" : "",
                a.correlation()));
    for (int j = 0; j < q.joints(); j++) {
      if (Double.isNaN(per[j])) {
        continue;
      }
      double[] f = fit(q, s, j, a.offsetS(), -1);
      double slope = f[0] * s.step(j) / q.step(j);
      double shift = s.min(j) + s.step(j) * f[2] - (q.min(j) + q.step(j) * f[1]);
      double range = 255 * s.step(j);
      double sd = Math.sqrt(f[3]);
      boolean shiftOk = Math.abs(shift) <= 0.01 * range;
      boolean slopeOk = Math.abs(slope - 1) <= 0.03;
      boolean slopeSmall = Math.abs(slope - 1) * 2 * sd <= 0.01 * 255;
      b.append(
          String.format(
              " j%d %.5f slope %.4f shift %.2f%% sd %.1f codes range %.4g n %d L%d/%d%s",
              j,
              per[j],
              slope,
              100 * shift / range,
              sd,
              range,
              (int) f[4],
              q.levels(j),
              s.levels(j),
              (shiftOk ? "" : " SHIFT")
                  + (slopeOk ? "" : slopeSmall ? " (slope excused)" : " SLOPE")));
      for (double e : new double[] {0.1, 0.2, 0.3}) {
        double[] g = fit(q, s, j, a.offsetS(), e);
        double slopeE = g[0] * s.step(j) / q.step(j);
        double shiftE = s.min(j) + s.step(j) * g[2] - (q.min(j) + q.step(j) * g[1]);
        b.append(
            String.format(
                " [edge %.1f: slope %.4f shift %.2f%% sd %.1f n %d]",
                e, slopeE, 100 * shiftE / range, Math.sqrt(g[3]), (int) g[4]));
      }
      b.append(';');
    }
    System.out.println(b);
  }

  /**
   * The sums {@link AlignedCorrelation#at} forms for one joint (the sparser copy's grid, the other
   * interpolated, the ends left out as there): {slope in codes, mean x, mean y, var y, n}.
   */
  static double[] fit(
      CoarseTrajectory query, CoarseTrajectory stored, int j, double off, double edgeS) {
    double start = Math.max(0, -off);
    double end = Math.min(query.spanS(), stored.spanS() - off);
    boolean onQueryGrid = query.rateHz() <= stored.rateHz();
    CoarseTrajectory grid = onQueryGrid ? query : stored;
    double shift = onQueryGrid ? 0 : off;
    double edge =
        edgeS >= 0
            ? edgeS
            : end - start > 2 * AlignedCorrelation.EDGE_S + 1 ? AlignedCorrelation.EDGE_S : 0;
    int first = (int) Math.ceil((start + edge + shift) * grid.rateHz() - 1e-9);
    int last = (int) Math.floor((end - edge + shift) * grid.rateHz() + 1e-9);
    int n = last - first + 1;
    AlignedCorrelation.Moments m =
        AlignedCorrelation.Moments.of(
            query, stored, j, first, last, grid.rateHz(), onQueryGrid, off);
    double vx = m.varX();
    double vy = m.varY();
    double cov = m.cov();
    return new double[] {cov / vx, m.meanX(), m.meanY(), vy, n};
  }
}
