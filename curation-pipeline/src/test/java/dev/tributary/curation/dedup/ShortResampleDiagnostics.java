package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.DedupEvaluation.Transform;
import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.SimTakes;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 16, round 14 (diagnosis): why a resampled (or trimmed, or trimmed, resampled and re-united)
 * copy of a held-out take ({@code -Dtributary.realHeldOutData=DIR}) is missed. Args: copies per
 * original (default 1) and the synthetic families to generate alongside ({@code NONE}, or {@code
 * MIN_JERK,LINEAR_BLEND,TELEOP,QUANTISED,WIPE,STIR} with {@code -Dtributary.realData=DIR}: then the
 * draws, and so the missed pairs, are the dedup benchmark's). For every missed pair it prints the
 * original's and the copy's velocity peaks (time on the original's timeline, code, the level of
 * {@link TrajectorySketcher#LEVELS} that timed it, and, if it differs, the time without {@link
 * TrajectorySketcher#END_SAMPLES}) and short-take corners, each original landmark's nearest copy
 * landmark of the same code, per kind of posting (three-moment peaks, corners, two-moment,
 * peaks-and-corners) how many the original stores, how many triplets it had before the cap and how
 * many the copy's hashes hit at the true offset, the two-moment pass's rank of the original, and a
 * one-line CAUSE. Not a test: run its main on the test classpath.
 */
public final class ShortResampleDiagnostics {
  private ShortResampleDiagnostics() {}

  public static void main(String[] args) throws Exception {
    int copies = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Set<Transform> which =
        Set.of(Transform.RESAMPLE, Transform.TRIM_RESAMPLE_UNITS, Transform.TRIM);
    String families = args.length > 1 ? args[1] : "NONE";
    Path temp = Files.createTempDirectory("short-resample");
    DedupEvaluation.Split s = new DedupEvaluation.Split("test", 12, 8, 8);
    List<MotionFamilies.Family> fs = new ArrayList<>();
    for (String f : families.split(",")) {
      if (!f.isBlank() && !f.equals("NONE")) {
        fs.add(MotionFamilies.Family.valueOf(f));
      }
    }
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>(DedupEvaluation.generate(s, fs));
    corpora.addAll(MissedPairDiagnostics.realCorpora(temp, copies));
    Map<String, SimTakes.Take> takes = MissedPairDiagnostics.takesById(corpora);
    NearDuplicateIndex index = DedupEvaluation.permissiveIndex();
    List<Query> queries = DedupEvaluation.run(s, corpora, index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    for (Query q : queries) {
      if (!which.contains(q.transform()) || !q.family().equals("REAL_HELDOUT")) {
        continue;
      }
      for (String expected : q.expected()) {
        NearDuplicateMatch m = MissedPairDiagnostics.found(q, expected);
        if (MissedPairDiagnostics.counted(m, rule)) {
          continue;
        }
        SimTakes.Take o = takes.get(expected);
        int e = index.episodeNumber(o.episodeId());
        double off = q.expectedOffsetS();
        int first = votesAt(index.tally(q.sketch(), 1, false), e, off);
        List<NearDuplicateIndex.Candidate> two = index.tally(q.sketch(), 1, true);
        int second = votesAt(two, e, off);
        int rank = 0;
        for (NearDuplicateIndex.Candidate c : two) {
          rank++;
          if (c.episode() == e && Math.abs(c.offsetS() - off) <= 0.15) {
            break;
          }
        }
        if (second > 0) {
          System.out.printf(
              "%n(two-moment pass: the original ranks %d of %d candidates, %d above it with more"
                  + " votes; maxCandidates %d)",
              rank,
              two.size(),
              (int) two.stream().filter(c -> c.votes() > second).count(),
              rule.maxCandidates());
        }
        report(q, o, off, first, second, m);
      }
    }
  }

  private static int votesAt(List<NearDuplicateIndex.Candidate> all, int e, double off) {
    int v = 0;
    for (NearDuplicateIndex.Candidate c : all) {
      if (c.episode() == e && Math.abs(c.offsetS() - off) <= 0.15) {
        v = Math.max(v, c.votes());
      }
    }
    return v;
  }

  private static void report(
      Query q, SimTakes.Take o, double off, int first, int second, NearDuplicateMatch m)
      throws Exception {
    TrajectorySketch so = TrajectorySketch.of(o.trajectory(), o.jointNames());
    TrajectorySketch sq = q.sketch();
    System.out.printf(
        "%n== %s %s <- %s | %.2f s / %.2f s, offset %.3f | votes at the true offset: first pass %d,"
            + " two-moment %d%n",
        q.transform(), q.log(), o.episodeId(), sq.durationS(), so.durationS(), off, first, second);
    if (m != null) {
      System.out.printf(
          "  found under the rule: %.5f sameUnits %s offset %.3f%n",
          m.correlation(), m.sameUnits(), m.offsetS());
    }
    String[] lo = peaks(so, 0);
    String[] lq = peaks(sq, off);
    System.out.println("  original peaks: " + lo[0]);
    System.out.println("  copy peaks:     " + lq[0]);
    System.out.println("  original short-take corners: " + corners(so.shortTakeCorners(), 0));
    System.out.println("  copy short-take corners:     " + corners(sq.shortTakeCorners(), off));
    System.out.println("  original -> copy (same code, ms): " + compare(so, sq, off));
    System.out.println(
        "  short-take corners original -> copy (ms): "
            + compare(so.shortTakeCorners(), sq.shortTakeCorners(), off));
    int[] counts = new int[3];
    counts[0] = kind("three-moment peaks", so, sq, off, Kind.THREE)[0];
    counts[1] = kind("corners", so, sq, off, Kind.CORNER)[0];
    counts[2] = kind("two-moment", so, sq, off, Kind.TWO)[0];
    int[] sh = kind("short-take", so, sq, off, Kind.SHORT);
    int[] shortHits = {sh[1]};
    int[] shortOwn = {sh[2]};
    int[] ordinary = {counts[0] + counts[1] + counts[2]};
    int[] dropped = droppedPeaks(so, sq, off);
    int total = LandmarkHashes.forIndex(so, (h, t) -> {});
    int wouldBe = ShortTakeLandmarks.applies(so) ? shortHits[0] : 0;
    boolean gated = ShortTakeLandmarks.applies(so) && total == ordinary[0];
    String cause;
    if (m != null) {
      cause = "confirmation (found under the rule)";
    } else if (so.durationS() > ShortTakeLandmarks.MAX_S) {
      cause = "longer than the short-take bound";
    } else if (gated && wouldBe >= 2) {
      cause =
          "short-take postings not stored (round-14 gate: >= 8 other postings), would hit "
              + wouldBe;
    } else if (!ShortTakeLandmarks.applies(sq) || shortOwn[0] == 0) {
      cause = "copy has no short-take triplet";
    } else {
      cause = "short-take postings stored, hit " + shortHits[0];
    }
    System.out.printf(
        "  original postings %d (ordinary %d: three %d, corners %d, two %d), dropped peaks %d"
            + " (%d within 0.35 s of an end of the copy) | CAUSE %s%n",
        total, ordinary[0], counts[0], counts[1], counts[2], dropped[0], dropped[1], cause);
  }

  enum Kind {
    THREE,
    CORNER,
    TWO,
    SHORT
  }

  private static int[] kind(
      String name, TrajectorySketch so, TrajectorySketch sq, double off, Kind k) {
    List<double[]> stored = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    LandmarkHashes.Sink st = (h, t) -> stored.add(new double[] {h, t});
    LandmarkHashes.Sink al = (h, t) -> all.add(new double[] {h, t});
    List<double[]> query = new ArrayList<>();
    LandmarkHashes.Sink qs = (h, t) -> query.add(new double[] {h, t});
    switch (k) {
      case THREE -> {
        LandmarkHashes.postings(so, false, st);
        LandmarkHashes.allOwn(so, false, 0, al);
        LandmarkHashes.forQuery(sq, false, qs);
      }
      case CORNER -> {
        new TripletClasses(so.corners(), false, LandmarkHashes.CORNER_SALT)
            .select(LandmarkHashes.MAX_CORNER_POSTINGS, st);
        LandmarkHashes.allOwn(so.corners(), false, LandmarkHashes.CORNER_SALT, al);
        LandmarkHashes.queryTriplets(
            new TripletClasses(sq.corners(), false, LandmarkHashes.CORNER_SALT),
            LandmarkHashes.MAX_CORNER_POSTINGS,
            (h, t, span, weakest, own) -> qs.accept(h, t));
      }
      case TWO -> {
        LandmarkHashes.postings(so, true, st);
        LandmarkHashes.allOwn(so, true, 0, al);
        LandmarkHashes.forQuery(sq, true, qs);
      }
      case SHORT -> {
        if (ShortTakeLandmarks.applies(so)) {
          new TripletClasses(ShortTakeLandmarks.merged(so), false, ShortTakeLandmarks.SALT)
              .select(ShortTakeLandmarks.MAX_POSTINGS, st);
          LandmarkHashes.allOwn(ShortTakeLandmarks.merged(so), false, ShortTakeLandmarks.SALT, al);
        }
        ShortTakeLandmarks.query(sq, qs);
      }
    }
    int qOwn = 0;
    if (k == Kind.SHORT && ShortTakeLandmarks.applies(sq)) {
      qOwn =
          LandmarkHashes.allOwn(
              ShortTakeLandmarks.merged(sq), false, ShortTakeLandmarks.SALT, (h, t) -> {});
    }
    System.out.printf(
        "  %-18s stored %d (of %d triplets), hit %d (of all: %d); copy hashes %d%s%n",
        name,
        stored.size(),
        all.size(),
        hits(stored, query, off),
        hits(all, query, off),
        query.size(),
        k == Kind.SHORT ? " (own triplets " + qOwn + ")" : "");
    return new int[] {stored.size(), hits(stored, query, off), qOwn};
  }

  /** Original landmark i and copy landmark k: the same code, within 0.1 s at the offset. */
  private static boolean sameLandmark(
      TrajectorySketch so, int i, TrajectorySketch sq, int k, double off) {
    return sq.landmarkCode(k) == so.landmarkCode(i)
        && Math.abs(sq.landmarkTimeS(k) + off - so.landmarkTimeS(i)) < 0.1;
  }

  /** Original peaks with no copy peak of the same code within 0.1 s; of them, near an end. */
  private static int[] droppedPeaks(TrajectorySketch so, TrajectorySketch sq, double off) {
    int[] n = new int[2];
    for (int i = 0; i < so.landmarks(); i++) {
      boolean kept = false;
      for (int k = 0; k < sq.landmarks(); k++) {
        kept |= sameLandmark(so, i, sq, k, off);
      }
      if (!kept) {
        n[0]++;
        double t = so.landmarkTimeS(i) - off;
        n[1] += t < 0.35 || t > sq.durationS() - 0.35 ? 1 : 0;
      }
    }
    return n;
  }

  private static int hits(List<double[]> postings, List<double[]> query, double off) {
    int n = 0;
    for (double[] p : postings) {
      for (double[] h : query) {
        if (p[0] == h[0] && Math.abs(p[1] - h[1] - off) <= 0.15) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  private static String corners(TrajectorySketch c, double off) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < c.landmarks(); i++) {
      b.append(
          String.format(
              "%.3f j%d%s; ",
              c.landmarkTimeS(i) + off,
              (c.landmarkCode(i) & 0x7f) / 2,
              (c.landmarkCode(i) & 1) == 0 ? "+" : "-"));
    }
    return b.toString();
  }

  private static String compare(TrajectorySketch so, TrajectorySketch sq, double off) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < so.landmarks(); i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int k = 0; k < sq.landmarks(); k++) {
        if (sq.landmarkCode(k) == so.landmarkCode(i)) {
          double d = sq.landmarkTimeS(k) + off - so.landmarkTimeS(i);
          if (Math.abs(d) < Math.abs(best)) {
            best = d;
          }
        }
      }
      b.append(
          String.format(
              "j%d%s %s; ",
              (so.landmarkCode(i) & 0x7f) / 2,
              (so.landmarkCode(i) & 1) == 0 ? "+" : "-",
              Double.isInfinite(best) ? "DROPPED" : String.format("%+.0f", best * 1000)));
    }
    int added = 0;
    for (int k = 0; k < sq.landmarks(); k++) {
      boolean has = false;
      for (int i = 0; i < so.landmarks(); i++) {
        has |= sameLandmark(so, i, sq, k, off);
      }
      added += has ? 0 : 1;
    }
    return b + " added " + added;
  }

  /** Peaks with the level that timed them and their time without END_SAMPLES. */
  private static String[] peaks(TrajectorySketch s, double off) throws Exception {
    float[][] smooth = smooth(s);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.landmarks(); i++) {
      int code = s.landmarkCode(i);
      int j = code / 2;
      double sign = (code & 1) == 0 ? 1 : -1;
      double[] v = velocity(smooth[j]);
      int k0 = (int) Math.round(s.landmarkTimeS(i) * TrajectorySketcher.GRID_HZ);
      int k = -1;
      for (int m = Math.max(1, k0 - 8); m <= Math.min(v.length - 2, k0 + 8); m++) {
        if (k < 0 || sign * v[m] > sign * v[k]) {
          k = m;
        }
      }
      double peak = sign * v[k];
      String lv = level(v, k, sign, peak, TrajectorySketcher.END_SAMPLES);
      String lv0 = level(v, k, sign, peak, 0);
      b.append(
          String.format(
              "%.3f j%d%s a%d %s%s; ",
              s.landmarkTimeS(i) + off,
              j,
              sign > 0 ? "+" : "-",
              s.landmarkAmplitude(i),
              lv,
              lv.equals(lv0) ? "" : " [end0: " + shift(lv0, off) + "]"));
    }
    return new String[] {b.toString()};
  }

  private static String shift(String lv, double off) {
    int at = lv.indexOf('@');
    if (at < 0) {
      return lv;
    }
    return lv.substring(0, at)
        + String.format("@%.3f", Double.parseDouble(lv.substring(at + 1)) + off);
  }

  /** {@link TrajectorySketcher#levelCentre} with END_SAMPLES as a parameter: "L0.5@time". */
  private static String level(double[] v, int k, double sign, double peak, int endSamples) {
    double[] c = TrajectorySketcher.levelCrossing(v, k, sign, peak, endSamples);
    return c == null ? "half" : String.format("L%.2f@%.3f", c[0], c[1]);
  }

  private static double[] velocity(float[] x) {
    double[] v = new double[x.length];
    for (int i = 1; i < x.length - 1; i++) {
      v[i] = (x[i + 1] - x[i - 1]) * TrajectorySketcher.GRID_HZ / 2;
    }
    return v;
  }

  private static float[][] smooth(TrajectorySketch s) throws Exception {
    Field f = FineTrajectory.class.getDeclaredField("smooth");
    f.setAccessible(true);
    return (float[][]) f.get(s.fine());
  }
}
