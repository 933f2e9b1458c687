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

/**
 * Issue 16, round 15 (tuning): where a concatenation's missed part is lost, for the held-out real
 * family (REAL_HELDOUT, {@code -Dtributary.realHeldOutData=DIR}) only. Not a test: run its main on
 * the test classpath (as {@link MissedPairDiagnostics}), arg: copies per original (draws). Per
 * concatenation with a missed part: both takes' lengths, the seam's step against the episode's
 * 95th-percentile step ({@link Seams} needs {@link Seams#MIN_JUMP}x), what the lookup found, the
 * first two passes' matches, and for each stretch they leave unexplained every candidate it
 * proposes, confirmed on six stretches: as {@link StretchLookups} cut it before round 15 (at the
 * coarse grid's last point), to the new episode's last sample, one step further, 0.05 s later, the
 * true part, and the first take's part. With {@code -Dall=true} every concatenation; the others
 * print one "OK" line with their seam's step.
 */
public final class ConcatenationMissDiagnostics {
  private ConcatenationMissDiagnostics() {}

  public static void main(String[] args) throws Exception {
    int copies = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    DedupEvaluation.Split s = new DedupEvaluation.Split("test", 12, 8, 8);
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>();
    Path temp = Files.createTempDirectory("concat-miss");
    DedupEvaluation.Corpus heldOut = RealTakes.loadHeldOut(temp);
    corpora.add(heldOut.withCopiesPerOriginal(copies));
    Map<String, SimTakes.Take> takes = MissedPairDiagnostics.takesById(corpora);
    // -Dshipped=true: the shipped rule's index (the benchmark's is permissive, so that it can sweep
    // the threshold: it confirms matches under minCorrelation that the shipped index rejects)
    NearDuplicateIndex index =
        Boolean.getBoolean("shipped")
            ? new NearDuplicateIndex()
            : DedupEvaluation.permissiveIndex();
    List<Query> queries = DedupEvaluation.run(s, corpora, index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    Map<Integer, String> byNumber = new java.util.HashMap<>();
    for (String id : takes.keySet()) {
      try {
        byNumber.put(index.episodeNumber(id), id);
      } catch (RuntimeException e) {
        // not stored
      }
    }
    int all = 0;
    int missed = 0;
    for (Query q : queries) {
      if (q.transform() != Transform.CONCATENATION) {
        continue;
      }
      List<String> exp = new ArrayList<>(q.expected());
      Trajectory t = q.trajectory();
      // order: the one whose first sample is the query's
      SimTakes.Take a = takes.get(exp.get(0));
      SimTakes.Take b = takes.get(exp.get(1));
      if (a.trajectory().value(0, 0) != t.value(0, 0)
          || a.trajectory().value(0, 1) != t.value(0, 1)) {
        SimTakes.Take x = a;
        a = b;
        b = x;
      }
      boolean anyMiss = false;
      for (String e : exp) {
        all++;
        if (!MissedPairDiagnostics.counted(MissedPairDiagnostics.found(q, e), rule)) {
          anyMiss = true;
          missed++;
        }
      }
      double seamS = t.timeS(a.trajectory().samples()) - t.timeS(0);
      double span = q.sketch().coarse().spanS();
      String stats = seamStats(t, a.trajectory().samples() - 1);
      if (!anyMiss && !Boolean.getBoolean("all")) {
        System.out.printf(
            "OK %s + %s | %.2f+%.2f s | %s%n",
            a.episodeId(),
            b.episodeId(),
            a.trajectory().durationS(),
            b.trajectory().durationS(),
            stats);
        continue;
      }
      System.out.printf(
          "%nMISS %s (%.2f s) + %s (%.2f s), seam %.2f s, coarse span %.2f | %s%n",
          a.episodeId(),
          a.trajectory().durationS(),
          b.episodeId(),
          b.trajectory().durationS(),
          seamS,
          span,
          stats);
      for (NearDuplicateMatch m : q.found()) {
        double from = Math.max(0, -m.offsetS());
        System.out.printf(
            "  found %s [%.2f-%.2f] corr %.5f %s counted %b%n",
            m.originalEpisodeId(),
            from,
            from + m.overlapS(),
            m.correlation(),
            m.sameUnits() ? "=" : "~",
            MissedPairDiagnostics.counted(m, rule));
      }
      Seams seams = Seams.of(t);
      System.out.printf(
          "  Seams.find(mid) %.3f, near true seam %.3f%n",
          seams.find(span / 2, span / 2 - 0.8), seams.find(seamS, 0.25));
      TrajectorySketch sk = q.sketch();
      LandmarkTriplets.ThreeMoments th = LandmarkHashes.threeMoments(sk);
      List<NearDuplicateMatch> first =
          index.confirm(sk, th, index.candidates(sk, th, false), FrameConfirmation.NONE);
      if (NearDuplicateIndex.twoMomentPass(sk, th)
          && QueryStretches.coveredShare(first, span) < rule.wholeCoverage()) {
        List<NearDuplicateMatch> more =
            index.confirm(sk, th, index.candidates(sk, th, true), FrameConfirmation.NONE);
        first = first.isEmpty() ? more : index.union(first, more, sk.coarse());
      }
      for (NearDuplicateMatch m : first) {
        double from = Math.max(0, -m.offsetS());
        System.out.printf(
            "  pass1/2 %s [%.2f-%.2f] corr %.5f %s%n",
            m.originalEpisodeId().replace("nesm-exo-", ""),
            from,
            from + m.overlapS(),
            m.correlation(),
            m.sameUnits() ? "=" : "~");
      }
      List<double[]> gaps =
          first.isEmpty()
              ? List.of(new double[] {0, span})
              : QueryStretches.unexplained(first, span, 0.8);
      for (double[] g0 : gaps) {
        double[] g = {
          g0[0] > 0 ? seams.snap(g0[0], 0.25) : g0[0],
          g0[1] < span ? seams.snap(g0[1], 0.25) : g0[1]
        };
        TrajectorySketch part =
            TrajectorySketcher.sketch(t.stretch(g[0], g[1]), q.sketch().layout());
        LandmarkTriplets.ThreeMoments three = LandmarkHashes.threeMoments(part);
        List<NearDuplicateIndex.Candidate> cs = index.candidates(part, three, false);
        if (NearDuplicateIndex.twoMomentPass(part, three)) {
          cs.addAll(index.candidates(part, three, true));
        }
        System.out.printf("  gap [%.2f-%.2f]: %d candidates%n", g[0], g[1], cs.size());
        for (NearDuplicateIndex.Candidate c : cs) {
          double startS = g[0] - c.offsetS();
          double stored = index.storedSpanS(c.episode());
          String id =
              byNumber.getOrDefault(c.episode(), "?" + c.episode()).replace("nesm-exo-", "");
          StringBuilder res = new StringBuilder();
          double[][] tries = {
            {Math.max(0, startS), Math.min(span, startS + stored)},
            {Math.max(0, startS), Math.min(t.durationS(), startS + stored)},
            {Math.max(0, startS), Math.min(t.durationS(), startS + stored + 0.1)},
            {Math.max(0, startS + 0.05), Math.min(t.durationS(), startS + stored + 0.1)},
            {Math.max(0, seamS), Math.min(t.durationS(), seamS + b.trajectory().durationS())},
            {0, Math.min(t.durationS(), seamS - 0.005)},
          };
          for (double[] tr : tries) {
            double fromS = tr[0];
            double toS = tr[1];
            if (toS - fromS < 0.8) {
              res.append(" | short");
              continue;
            }
            TrajectorySketch exact =
                TrajectorySketcher.sketch(t.stretch(fromS, toS), q.sketch().layout());
            List<NearDuplicateMatch> ms =
                index.confirm(
                    exact,
                    LandmarkHashes.threeMoments(exact),
                    List.of(
                        new NearDuplicateIndex.Candidate(c.episode(), fromS - startS, c.votes())),
                    FrameConfirmation.NONE);
            res.append(String.format(" | [%.3f-%.3f] ", fromS, toS))
                .append(
                    ms.isEmpty()
                        ? "no"
                        : String.format(
                            "%.5f%s ov %.2f",
                            ms.get(0).correlation(),
                            ms.get(0).sameUnits() ? "=" : "~",
                            ms.get(0).overlapS()));
          }
          System.out.printf(
              "    cand %s v%d off %.3f stored [%.3f-%.3f]%s%n",
              id, c.votes(), c.offsetS(), startS, startS + stored, res);
        }
      }
    }
    System.out.printf("concatenation pairs %d, missed %d%n", all, missed);
  }

  /** The seam's step against the episode's steps, and the speed near the seam. */
  static String seamStats(Trajectory t, int last) {
    int n = t.samples();
    double[] range = new double[t.joints()];
    for (int j = 0; j < range.length; j++) {
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        lo = Math.min(lo, t.value(i, j));
        hi = Math.max(hi, t.value(i, j));
      }
      range[j] = hi - lo;
    }
    double[] steps = new double[n - 1];
    for (int i = 0; i + 1 < n; i++) {
      for (int j = 0; j < range.length; j++) {
        if (range[j] > 0) {
          steps[i] = Math.max(steps[i], Math.abs(t.value(i + 1, j) - t.value(i, j)) / range[j]);
        }
      }
    }
    double p95 = OrderStatistics.kth(steps.clone(), (int) (0.95 * (n - 2)));
    double p50 = OrderStatistics.kth(steps.clone(), (int) (0.5 * (n - 2)));
    double before = last > 0 ? steps[last - 1] : 0;
    double after = last + 1 < steps.length ? steps[last + 1] : 0;
    return String.format(
        "seam step %.4f = %.2fx p95 (%.2fx p50); neighbours %.2fx / %.2fx p95; rate %.0f Hz",
        steps[last], steps[last] / p95, steps[last] / p50, before / p95, after / p95, t.rateHz());
  }
}
