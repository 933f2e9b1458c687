package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.DedupEvaluation.Transform;
import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 16, third round: the stage at which every missed pair of the dedup benchmark fails, for the
 * real recordings (REAL, a tuning family) and the tune split of the synthetic tuning families. Not
 * a test: run its main on the test classpath (see {@code load-tests/bin/dedup-bench.sh} for the
 * classpath), args: split name ({@code tune}), comma-separated families ({@code
 * MIN_JERK,LINEAR_BLEND,TELEOP,QUANTISED,WIPE,STIR}; STIR is a tuning family since the third
 * round), {@code -Dtributary.realData=DIR} for REAL, {@code -Dtributary.realHeldOutData=DIR} for
 * REAL_HELDOUT (its originals as the benchmark chooses them; issue 16, sixth round). Prints one
 * line per missed pair and a table of causes.
 *
 * <p>Stages, first failing wins: {@code lookup: no votes} (fewer than minVotes hashes agree at the
 * true offset: the original's postings inside the overlap and the query hashes that hit them are
 * printed), {@code lookup: rank} (votes enough, but beyond maxCandidates), {@code offset} (a
 * candidate exists but the alignment lands elsewhere), {@code correlation} (the aligned correlation
 * at the true offset is below the required one; the joint that sets the minimum, its motion ratio
 * and range in codes, and what a finer coarse copy would have measured, say why), {@code sameUnits}
 * (it would pass minCorrelation but was judged to be in other units), {@code coverage}.
 */
public final class MissedPairDiagnostics {
  private MissedPairDiagnostics() {}

  public static void main(String[] args) throws Exception {
    String split = args.length > 0 ? args[0] : "tune";
    String families = args.length > 1 ? args[1] : "MIN_JERK,LINEAR_BLEND,TELEOP,QUANTISED,WIPE";
    int copies = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>();
    DedupEvaluation.Split s = new DedupEvaluation.Split(split, 12, 8, 8);
    List<MotionFamilies.Family> fs = new ArrayList<>();
    for (String f : families.split(",")) {
      if (!f.isBlank() && !f.equals("NONE")) {
        fs.add(MotionFamilies.Family.valueOf(f));
      }
    }
    corpora.addAll(DedupEvaluation.generate(s, fs));
    Path temp = Files.createTempDirectory("missed-pairs");
    DedupEvaluation.Corpus real = RealTakes.load(temp);
    if (real != null) {
      corpora.add(real.withCopiesPerOriginal(copies));
    }
    DedupEvaluation.Corpus heldOut = RealTakes.loadHeldOut(temp);
    if (heldOut != null) {
      corpora.add(heldOut.withCopiesPerOriginal(copies));
    }
    Map<String, SimTakes.Take> takes = takesById(corpora);
    NearDuplicateIndex index = DedupEvaluation.permissiveIndex();
    List<Query> queries = DedupEvaluation.run(s, corpora, index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    Map<String, Map<String, Integer>> causes = new TreeMap<>();
    System.out.println(
        "family | transform | pair | clip s / orig s | joints | coarse Hz q/s | postings in"
            + " overlap / hit at true offset | votes true / best, rank | corr@voted (units) |"
            + " corr@true | weakest joint: ratio q/s, std codes, corr fine | cause");
    for (Query q : queries) {
      int which = 0;
      for (String expected : q.expected()) {
        which++;
        NearDuplicateMatch m = found(q, expected);
        if (counted(m, rule)) {
          continue;
        }
        SimTakes.Take o = takes.get(expected);
        String cause = diagnose(q, o, m, index, rule, which);
        String key = cause;
        causes
            .computeIfAbsent(q.family() + " " + q.transform(), k -> new LinkedHashMap<>())
            .merge(key, 1, Integer::sum);
      }
    }
    System.out.println("\n| family transform | causes (missed pairs) |\n|---|---|");
    causes.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
  }

  /** REAL (when its folder is there) and the held-out set, {@code copies} copies per original. */
  static List<DedupEvaluation.Corpus> realCorpora(Path temp, int copies) {
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>();
    DedupEvaluation.Corpus real = RealTakes.load(temp);
    if (real != null) {
      corpora.add(real.withCopiesPerOriginal(copies));
    }
    corpora.add(RealTakes.loadHeldOut(temp).withCopiesPerOriginal(copies));
    return corpora;
  }

  /** Every take of the corpora by its episode id. */
  static Map<String, SimTakes.Take> takesById(List<DedupEvaluation.Corpus> corpora) {
    Map<String, SimTakes.Take> takes = new HashMap<>();
    for (DedupEvaluation.Corpus c : corpora) {
      c.sites().forEach(site -> site.forEach(t -> takes.put(t.episodeId(), t)));
    }
    return takes;
  }

  /** The lookup's match of this expected original (the benchmark's permissive index), or null. */
  static NearDuplicateMatch found(Query q, String expected) {
    return q.found().stream()
        .filter(x -> x.originalEpisodeId().equals(expected))
        .findFirst()
        .orElse(null);
  }

  /** Whether the benchmark counts the match as found under the real rule. */
  static boolean counted(NearDuplicateMatch m, NearDuplicateConfig rule) {
    return m != null && m.correlation() >= rule.requiredCorrelation(m);
  }

  private static String diagnose(
      Query q,
      SimTakes.Take o,
      NearDuplicateMatch found,
      NearDuplicateIndex index,
      NearDuplicateConfig rule,
      int which) {
    TrajectorySketch clip = q.sketch();
    TrajectorySketch original = TrajectorySketch.of(o.trajectory(), o.jointNames());
    int e = index.episodeNumber(o.episodeId());
    // Where the clip starts on the original's timeline: the trim start; a concatenation's second
    // original starts after the first (the clip's start lies before it).
    double trueOff = q.expectedOffsetS();
    if (q.transform() == Transform.CONCATENATION && which == 2) {
      trueOff = Double.NaN;
    }
    List<NearDuplicateIndex.Candidate> all = index.tally(clip, 1, false);
    int bestVotes = 0;
    int trueVotes = 0;
    double bestOff = Double.NaN;
    List<Integer> ahead = new ArrayList<>();
    for (NearDuplicateIndex.Candidate c : all) {
      if (c.episode() == e) {
        if (c.votes() > bestVotes) {
          bestVotes = c.votes();
          bestOff = c.offsetS();
        }
        if (!Double.isNaN(trueOff) && Math.abs(c.offsetS() - trueOff) <= 0.15) {
          trueVotes = Math.max(trueVotes, c.votes());
        }
      } else if (bestVotes == 0 && !ahead.contains(c.episode())) {
        ahead.add(c.episode());
      }
    }
    if (Double.isNaN(trueOff)) {
      trueOff = bestOff;
      trueVotes = bestVotes;
    }
    int rank = bestVotes == 0 ? -1 : ahead.size() + 1;
    // The original's postings inside the overlap, and the clip's hashes that hit them there.
    Map<Integer, List<Double>> postings = new HashMap<>();
    int[] inOverlap = {0};
    double off = Double.isNaN(trueOff) ? 0 : trueOff;
    LandmarkHashes.forIndex(
        original,
        (h, t) -> {
          if (t >= off - 0.1 && t <= off + clip.durationS() + 0.1) {
            inOverlap[0]++;
          }
          postings.computeIfAbsent(h, k -> new ArrayList<>()).add(t);
        });
    int[] hit = {0};
    LandmarkHashes.forQuery(
        clip,
        false,
        (h, t) -> {
          List<Double> ts = postings.get(h);
          if (ts != null && ts.stream().anyMatch(to -> Math.abs(to - t - off) <= 0.15)) {
            hit[0]++;
          }
        });
    CoarseTrajectory stored = index.coarseOf(e);
    String atVoted = "-";
    if (found != null) {
      atVoted =
          String.format(
              "%.5f@%.2f (%s)",
              found.correlation(), found.offsetS(), found.sameUnits() ? "=" : "~");
    }
    double[] per = new double[clip.joints()];
    AlignedCorrelation.Alignment a =
        Double.isNaN(trueOff) ? null : AlignedCorrelation.align(clip.coarse(), stored, trueOff, -2);
    String weakest = "-";
    if (a != null) {
      AlignedCorrelation.at(clip.coarse(), stored, a.offsetS(), per);
      int w = -1;
      for (int j = 0; j < per.length; j++) {
        if (!Double.isNaN(per[j]) && (w < 0 || per[j] < per[w])) {
          w = j;
        }
      }
      if (w >= 0) {
        CoarseTrajectory fineQ = TrajectorySketcher.coarseCopy(q.trajectory(), 100_000);
        CoarseTrajectory fineS = TrajectorySketcher.coarseCopy(o.trajectory(), 100_000);
        double[] finePer = new double[clip.joints()];
        AlignedCorrelation.Alignment fine = AlignedCorrelation.align(fineQ, fineS, a.offsetS(), -2);
        AlignedCorrelation.at(fineQ, fineS, fine.offsetS(), finePer);
        weakest =
            String.format(
                "j%d %.5f: ratio %d/%d, range %d codes; fine %.5f (j%d %.5f)",
                w,
                per[w],
                clip.coarse().motionRatio(w),
                stored.motionRatio(w),
                codeRange(stored, w),
                fine.correlation(),
                w,
                finePer[w]);
      }
    }
    if (Boolean.getBoolean("joints") && a != null) {
      StringBuilder b =
          new StringBuilder(
              "   joints (corr, range, float16 steps in range, ratio q/s, levels q/s):");
      for (int j = 0; j < per.length; j++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double big = 0;
        for (int i = 0; i < o.trajectory().samples(); i++) {
          double v = o.trajectory().value(i, j);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          big = Math.max(big, Math.abs(v));
        }
        double ulp =
            Math.ulp((float) big) * Math.pow(2, 13); // float16 has 10 mantissa bits, not 23
        b.append(
            String.format(
                " j%d %.5f %.4g %.0f %d/%d L%d/%d;",
                j,
                per[j],
                hi - lo,
                (hi - lo) / ulp,
                clip.coarse().motionRatio(j),
                stored.motionRatio(j),
                clip.coarse().levels(j),
                stored.levels(j)));
      }
      System.out.println(b);
    }
    String cause;
    int minVotes = rule.minVotes();
    boolean unitsChanged =
        q.transform() == Transform.TRIM_RESAMPLE_UNITS
            || q.transform() == Transform.RADIANS
            || q.transform() == Transform.DEGREES_NORMALISED;
    if (trueVotes < minVotes) {
      cause = "lookup: < minVotes at the true offset";
    } else if (rank > rule.maxCandidates()) {
      cause = "lookup: beyond maxCandidates";
    } else if (a != null && a.onlyShifted()) {
      cause = "only shifted: every joint keeps its scale, not its values";
    } else if (a == null || a.correlation() < rule.minCorrelation()) {
      cause = "correlation < minCorrelation";
    } else if (!a.sameUnits()
        && a.correlation() < rule.requiredCorrelation(false, a.unitChange())) {
      cause =
          unitsChanged
              ? "units changed: correlation < minCorrelationOtherUnits"
              : "sameUnits misjudged: correlation < minCorrelationOtherUnits";
    } else if (found == null || Math.abs(found.offsetS() - a.offsetS()) > 0.2) {
      cause = "alignment at another offset";
    } else if (found.correlation() < a.correlation()) {
      cause = "alignment: the search from the voted offset peaks lower";
    } else {
      cause = "coverage";
    }
    System.out.printf(
        "%s | %s | %s <- %s | %.1f / %.1f | %d | %.2f/%.2f | %d / %d | %d / %d, %d | %s | %s | %s |"
            + " %s | %s%n",
        q.family(),
        q.transform(),
        q.log(),
        o.episodeId(),
        clip.durationS(),
        original.durationS(),
        clip.joints(),
        clip.coarse().rateHz(),
        stored.rateHz(),
        inOverlap[0],
        hit[0],
        trueVotes,
        bestVotes,
        rank,
        atVoted,
        a == null
            ? "-"
            : String.format(
                "%.5f (%s%s, %d joints, needs %.5f, overlap %.1f s)",
                a.correlation(),
                a.sameUnits() ? "=" : "~",
                a.unitChange() ? " unit change" : "",
                a.joints(),
                rule.requiredCorrelation(a.sameUnits(), a.unitChange()),
                a.overlapS()),
        weakest,
        cause,
        q.transform() == Transform.CONCATENATION ? concatenation(q, o, index) : "");
    return cause;
  }

  /**
   * For a missed part of a concatenation (issue 16, eleventh round): the stretches of the new
   * episode that its matches cover, and whether the missed original is found when exactly its part
   * of the new episode is looked up alone (the residual lookup sketches the unexplained stretch,
   * whose ends are where the other matches end).
   */
  private static String concatenation(Query q, SimTakes.Take o, NearDuplicateIndex index) {
    StringBuilder b = new StringBuilder("found:");
    for (NearDuplicateMatch m : q.found()) {
      double from = Math.max(0, -m.offsetS());
      b.append(
          String.format(" %s [%.2f-%.2f s]", m.originalEpisodeId(), from, from + m.overlapS()));
    }
    Trajectory t = q.trajectory();
    boolean first = true;
    for (int j = 0; j < t.joints(); j++) {
      first &= t.value(0, j) == o.trajectory().value(0, j);
    }
    double span = t.durationS();
    double d = o.trajectory().durationS();
    double from = first ? 0 : span - d;
    double to = first ? d : span;
    List<NearDuplicateMatch> alone =
        index.findAll(
            TrajectorySketch.of(t.stretch(from, to), o.jointNames()), FrameConfirmation.NONE);
    boolean found = alone.stream().anyMatch(m -> m.originalEpisodeId().equals(o.episodeId()));
    return b.append(
            String.format(
                "; its part [%.2f-%.2f s] alone: %s (%d matches)",
                from, to, found ? "found" : "not found", alone.size()))
        .toString();
  }

  private static int codeRange(CoarseTrajectory c, int j) {
    int lo = 255;
    int hi = 0;
    for (int i = 0; i < c.samples(); i++) {
      lo = Math.min(lo, c.code(j, i));
      hi = Math.max(hi, c.code(j, i));
    }
    return hi - lo;
  }
}
