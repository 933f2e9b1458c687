package dev.tributary.curation.bench;

import dev.tributary.curation.dedup.FrameConfirmation;
import dev.tributary.curation.dedup.NearDuplicateConfig;
import dev.tributary.curation.dedup.NearDuplicateIndex;
import dev.tributary.curation.dedup.NearDuplicateMatch;
import dev.tributary.curation.dedup.Trajectory;
import dev.tributary.curation.dedup.TrajectorySketch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The near-duplicate benchmark on simulated takes: index every site's originals, then look up
 * edited copies of them (one per transform per original), concatenations of two originals, and new
 * takes of the same task at the same sites (hard negatives), and count pairs (query, matched
 * original) as true or false positives per transform. Lookups run with a permissive correlation
 * threshold and keep each match's correlation, so any stricter threshold can be scored after the
 * fact: tune it on one split (sites and seeds), measure it on another.
 */
public final class DedupEvaluation {
  /** Lookups keep matches down to this correlation; the tuned threshold is applied afterwards. */
  static final double PERMISSIVE_CORRELATION = 0.9;

  /** What was done to an original to make a query. */
  public enum Transform {
    RENAME,
    REENCODE,
    TRIM,
    RESAMPLE,
    UNIT_CHANGE,
    TRIM_RESAMPLE_UNITS,
    CONCATENATION,
    NEW_TAKE
  }

  /** One lookup and the originals it should find (none for a new take). */
  public record Query(
      Transform transform,
      String log,
      Set<String> expected,
      NearDuplicateMatch.Kind expectedKind,
      double expectedOffsetS,
      List<NearDuplicateMatch> found,
      TrajectorySketch sketch) {}

  /** A split: how many sites, originals and new takes per site, and its seeds. */
  public record Split(String name, int sites, int originalsPerSite, int newTakesPerSite) {}

  private DedupEvaluation() {}

  /** Builds the split's corpus, indexes the originals and runs every query. */
  public static List<Query> run(Split split) {
    return run(
        split,
        new NearDuplicateIndex(
            NearDuplicateConfig.defaults()
                .withMinCorrelation(PERMISSIVE_CORRELATION)
                .withMinCorrelationOtherUnits(PERMISSIVE_CORRELATION)));
  }

  /** As {@link #run(Split)}, on a given (empty) index, e.g. to inspect it afterwards. */
  public static List<Query> run(Split split, NearDuplicateIndex index) {
    List<SimTakes.Take> originals = new ArrayList<>();
    for (int s = 0; s < split.sites(); s++) {
      String site = split.name() + "-site-" + s;
      double duration = SimTakes.durationOf(site);
      double rate = SimTakes.rateOf(site);
      for (int k = 0; k < split.originalsPerSite(); k++) {
        SimTakes.Take take = SimTakes.record(site, k, duration, rate);
        originals.add(take);
        index.add(take.episodeId(), TrajectorySketch.of(take.trajectory()));
      }
    }
    SplittableRandom random = new SplittableRandom(SimTakes.fnv64(split.name()));
    List<Query> queries = new ArrayList<>();
    for (int i = 0; i < originals.size(); i++) {
      SimTakes.Take o = originals.get(i);
      Trajectory t = o.trajectory();
      Set<String> expected = Set.of(o.episodeId());
      queries.add(query(index, Transform.RENAME, Transforms.rename(t), expected, null));
      queries.add(query(index, Transform.REENCODE, Transforms.reencode(t), expected, null));
      Transforms.Edited trimmed = Transforms.trim(t, random);
      queries.add(query(index, Transform.TRIM, trimmed, expected, t));
      double rate = otherRate(o.rateHz(), random);
      queries.add(
          query(index, Transform.RESAMPLE, Transforms.resample(t, rate, random), expected, t));
      queries.add(
          query(index, Transform.UNIT_CHANGE, Transforms.unitChange(t, random), expected, t));
      Transforms.Edited cut = Transforms.trim(t, random);
      Transforms.Edited all =
          Transforms.unitChange(
              Transforms.resample(cut.trajectory(), otherRate(o.rateHz(), random), random)
                  .trajectory(),
              random);
      queries.add(
          query(
              index,
              Transform.TRIM_RESAMPLE_UNITS,
              new Transforms.Edited(
                  all.trajectory(), cut.log() + ", resample, " + all.log(), cut.trimStartS()),
              expected,
              t));
      SimTakes.Take next = originals.get(i + 1 < originals.size() ? i + 1 : 0);
      if (i % 2 == 0 && next.rateHz() == o.rateHz()) {
        queries.add(
            query(
                index,
                Transform.CONCATENATION,
                Transforms.concatenate(t, next.trajectory()),
                Set.of(o.episodeId(), next.episodeId()),
                null));
      }
    }
    for (int s = 0; s < split.sites(); s++) {
      String site = split.name() + "-site-" + s;
      for (int k = 0; k < split.newTakesPerSite(); k++) {
        SimTakes.Take take =
            SimTakes.record(
                site,
                split.originalsPerSite() + k,
                SimTakes.durationOf(site),
                SimTakes.rateOf(site));
        queries.add(
            query(
                index,
                Transform.NEW_TAKE,
                new Transforms.Edited(take.trajectory(), "new take, seed " + take.seed(), 0),
                Set.of(),
                null));
      }
    }
    return queries;
  }

  private static double otherRate(double rate, SplittableRandom random) {
    double[] rates = {15, 25, 30, 50, 60, 100};
    double r;
    do {
      r = rates[random.nextInt(rates.length)];
    } while (r == rate);
    return r;
  }

  private static Query query(
      NearDuplicateIndex index,
      Transform transform,
      Transforms.Edited edited,
      Set<String> expected,
      Trajectory original) {
    TrajectorySketch sketch = TrajectorySketch.of(edited.trajectory());
    List<NearDuplicateMatch> found = index.findAll(sketch, FrameConfirmation.NONE);
    double kept = original == null ? 1 : edited.trajectory().durationS() / original.durationS();
    NearDuplicateMatch.Kind kind =
        switch (transform) {
          case RENAME, REENCODE -> NearDuplicateMatch.Kind.DUPLICATE;
          case TRIM ->
              kept >= 0.9 ? NearDuplicateMatch.Kind.DUPLICATE : NearDuplicateMatch.Kind.SUB_CLIP;
          case RESAMPLE, UNIT_CHANGE -> NearDuplicateMatch.Kind.REPLAY;
          case TRIM_RESAMPLE_UNITS ->
              kept >= 0.9 ? NearDuplicateMatch.Kind.REPLAY : NearDuplicateMatch.Kind.SUB_CLIP;
          case CONCATENATION -> NearDuplicateMatch.Kind.SUB_CLIP;
          case NEW_TAKE -> null;
        };
    return new Query(transform, edited.log(), expected, kind, edited.trimStartS(), found, sketch);
  }

  /** Pair counts of one transform at one threshold. */
  public static final class Counts {
    public int queries;
    public int expectedPairs;
    public int truePositives;
    public int falsePositives;
    public int kindAsExpected;
    public double maxOffsetErrorS;

    public double precision() {
      int reported = truePositives + falsePositives;
      return reported == 0 ? 1 : truePositives / (double) reported;
    }

    public double recall() {
      return expectedPairs == 0 ? 1 : truePositives / (double) expectedPairs;
    }
  }

  /**
   * The thresholds besides the tuned one ({@code minCorrelation}) are the defaults; scoring applies
   * them through {@link NearDuplicateConfig#requiredCorrelation}, as the index does.
   */
  private static final NearDuplicateConfig DEFAULTS = NearDuplicateConfig.defaults();

  /** Per-transform counts, plus the pooled total under key null... see {@link #pooled}. */
  public static Map<Transform, Counts> score(List<Query> queries, double threshold) {
    NearDuplicateConfig rule = DEFAULTS.withMinCorrelation(threshold);
    Map<Transform, Counts> out = new EnumMap<>(Transform.class);
    for (Query q : queries) {
      Counts c = out.computeIfAbsent(q.transform(), t -> new Counts());
      c.queries++;
      c.expectedPairs += q.expected().size();
      for (NearDuplicateMatch m : q.found()) {
        if (m.correlation() < rule.requiredCorrelation(m.sameUnits())) {
          continue;
        }
        if (q.expected().contains(m.originalEpisodeId())) {
          c.truePositives++;
          if (m.kind() == q.expectedKind()) {
            c.kindAsExpected++;
          }
          if (q.transform() == Transform.TRIM) {
            c.maxOffsetErrorS =
                Math.max(c.maxOffsetErrorS, Math.abs(m.offsetS() - q.expectedOffsetS()));
          }
        } else {
          c.falsePositives++;
        }
      }
    }
    return out;
  }

  public static Counts pooled(Map<Transform, Counts> counts) {
    Counts all = new Counts();
    for (Counts c : counts.values()) {
      all.queries += c.queries;
      all.expectedPairs += c.expectedPairs;
      all.truePositives += c.truePositives;
      all.falsePositives += c.falsePositives;
      all.kindAsExpected += c.kindAsExpected;
      all.maxOffsetErrorS = Math.max(all.maxOffsetErrorS, c.maxOffsetErrorS);
    }
    return all;
  }

  /**
   * The correlation threshold for a split: the lowest one (most recall) at which pooled precision
   * is at least {@code targetPrecision} and no single transform's precision falls below it.
   */
  public static double tune(List<Query> queries, double targetPrecision) {
    double best = 0.9999;
    for (int i = 0; i < 400; i++) { // 0.9 up to 0.99975 (a threshold must stay below 1)
      double threshold = 0.9 + i * 0.00025;
      Map<Transform, Counts> counts = score(queries, threshold);
      boolean ok = pooled(counts).precision() >= targetPrecision;
      for (Counts c : counts.values()) {
        ok &= c.precision() >= targetPrecision;
      }
      if (ok) {
        return threshold;
      }
    }
    return best;
  }
}
