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
    TRIM_REENCODE,
    RESAMPLE,
    FLOAT16,
    RADIANS,
    DEGREES_NORMALISED,
    TRIM_RESAMPLE_UNITS,
    CONCATENATION,
    NEW_TAKE,
    /** The original's values under another robot's joint names: must match nothing. */
    OTHER_LAYOUT
  }

  /**
   * One lookup and the originals it should find (none for a new take). {@code family} names the
   * motion family (or real dataset group); {@code otherSite} says whether the copy was uploaded by
   * another site than the original's (the detector does not see sites: reported for completeness).
   */
  public record Query(
      String family,
      Transform transform,
      String log,
      Set<String> expected,
      NearDuplicateMatch.Kind expectedKind,
      double expectedOffsetS,
      List<NearDuplicateMatch> found,
      TrajectorySketch sketch,
      boolean otherSite,
      Trajectory trajectory) {}

  /** A split: how many sites, originals and new takes per site, and its seeds. */
  public record Split(String name, int sites, int originalsPerSite, int newTakesPerSite) {}

  /**
   * A group of takes, by site, of one family: generated, or a real dataset's episodes. {@code
   * originalsPerSite}: 0 for the split's rule (see {@link #run(Split, List, NearDuplicateIndex)}),
   * -1 for the first half of each site's takes. {@code copiesPerOriginal}: how many times each
   * original gets every transform (other random draws; 1 as for generated families, more to make
   * the few real originals' numbers less noisy).
   */
  public record Corpus(
      String family,
      boolean normalisedUnits,
      List<List<SimTakes.Take>> sites,
      int originalsPerSite,
      int copiesPerOriginal) {
    public Corpus(String family, boolean normalisedUnits, List<List<SimTakes.Take>> sites) {
      this(family, normalisedUnits, sites, 0, 1);
    }

    public Corpus(
        String family,
        boolean normalisedUnits,
        List<List<SimTakes.Take>> sites,
        int originalsPerSite) {
      this(family, normalisedUnits, sites, originalsPerSite, 1);
    }

    /** The same takes, each original copied {@code copies} times under every transform. */
    public Corpus withCopiesPerOriginal(int copies) {
      return new Corpus(family, normalisedUnits, sites, originalsPerSite, Math.max(1, copies));
    }
  }

  private DedupEvaluation() {}

  /**
   * Builds the split's corpus of simulated pick-and-place takes ({@link MotionFamilies#MIN_JERK}).
   */
  public static List<Query> run(Split split) {
    return run(split, List.of(MotionFamilies.Family.MIN_JERK), List.of());
  }

  /**
   * The permissive index lookups run on (the tuned threshold is applied when scoring). With {@code
   * -Dtributary.bench.shippedIndex=true} the index runs the shipped thresholds instead, so the
   * default threshold scores exactly what a pipeline does: a permissive index keeps matches the
   * shipped one drops, and a lookup that goes on when nothing has matched (the stretch lookups of a
   * short new episode) then stops earlier than the pipeline's would. Only the default threshold
   * ({@code --quality test}) is meaningful on it.
   */
  public static NearDuplicateIndex permissiveIndex() {
    if (Boolean.getBoolean("tributary.bench.shippedIndex")) {
      return new NearDuplicateIndex(NearDuplicateConfig.defaults());
    }
    return new NearDuplicateIndex(
        NearDuplicateConfig.defaults()
            .withMinCorrelation(PERMISSIVE_CORRELATION)
            .withMinCorrelationOtherUnits(PERMISSIVE_CORRELATION));
  }

  /**
   * Generates the split's takes of each family (originals and new takes per site), adds the given
   * real corpora, indexes every original in one index and runs every query.
   */
  public static List<Query> run(
      Split split, List<MotionFamilies.Family> families, List<Corpus> real) {
    List<Corpus> corpora = new ArrayList<>(generate(split, families));
    corpora.addAll(real);
    return run(split, corpora, permissiveIndex());
  }

  /** The MIN_JERK family on a given (empty) index, e.g. to inspect it afterwards. */
  public static List<Query> run(Split split, NearDuplicateIndex index) {
    return run(split, generate(split, List.of(MotionFamilies.Family.MIN_JERK)), index);
  }

  /** Each family's takes for the split: originals, then new takes, per site. */
  public static List<Corpus> generate(Split split, List<MotionFamilies.Family> families) {
    List<Corpus> corpora = new ArrayList<>();
    for (MotionFamilies.Family family : families) {
      List<List<SimTakes.Take>> sites = new ArrayList<>();
      for (int s = 0; s < split.sites(); s++) {
        String site = split.name() + "-" + family.name().toLowerCase() + "-site-" + s;
        List<SimTakes.Take> takes = new ArrayList<>();
        for (int k = 0; k < split.originalsPerSite() + split.newTakesPerSite(); k++) {
          takes.add(family.take(site, k));
        }
        sites.add(takes);
      }
      corpora.add(new Corpus(family.name(), family.normalisedUnits(), sites));
    }
    return corpora;
  }

  /** As above on given corpora and a given (empty) index, e.g. to inspect it afterwards. */
  public static List<Query> run(Split split, List<Corpus> corpora, NearDuplicateIndex index) {
    // Real datasets have few episodes: all but their last newTakesPerSite (at least one) are
    // originals; generated sites have exactly originalsPerSite.
    List<List<List<SimTakes.Take>>> originals = new ArrayList<>();
    List<List<SimTakes.Take>> indexed = new ArrayList<>();
    List<String> familyOfSite = new ArrayList<>();
    for (Corpus c : corpora) {
      List<List<SimTakes.Take>> bySite = new ArrayList<>();
      for (List<SimTakes.Take> site : c.sites()) {
        int n =
            c.originalsPerSite() < 0
                ? Math.max(1, site.size() / 2)
                : Math.min(
                    split.originalsPerSite(), Math.max(1, site.size() - split.newTakesPerSite()));
        List<SimTakes.Take> o = site.subList(0, Math.min(n, site.size()));
        bySite.add(o);
        indexed.add(o);
        familyOfSite.add(c.family());
      }
      originals.add(bySite);
    }
    // Each original is indexed with its own site (its family and site id: two real roots may hold
    // datasets of one name); a re-upload's site (below) is not the index's business.
    for (int[] at : IndexingOrder.of(indexed)) {
      SimTakes.Take t = indexed.get(at[0]).get(at[1]);
      index.add(
          t.episodeId(),
          TrajectorySketch.of(t.trajectory(), t.jointNames()),
          0,
          List.of(),
          familyOfSite.get(at[0]) + ":" + t.siteId());
    }
    SplittableRandom random = new SplittableRandom(SimTakes.fnv64(split.name()));
    List<Query> queries = new ArrayList<>();
    for (int ci = 0; ci < corpora.size(); ci++) {
      Corpus c = corpora.get(ci);
      String f = c.family();
      for (List<SimTakes.Take> site : originals.get(ci)) {
        for (int i = 0; i < site.size() * c.copiesPerOriginal(); i++) {
          SimTakes.Take o = site.get(i % site.size());
          Trajectory t = o.trajectory();
          Set<String> expected = Set.of(o.episodeId());
          List<String> names = o.jointNames();
          queries.add(
              q(
                  index,
                  f,
                  renamed(names),
                  Transform.RENAME,
                  Transforms.rename(t),
                  expected,
                  null,
                  random));
          queries.add(
              q(
                  index,
                  f,
                  names,
                  Transform.REENCODE,
                  Transforms.reencode(t),
                  expected,
                  null,
                  random));
          queries.add(
              q(
                  index,
                  f,
                  names,
                  Transform.TRIM,
                  Transforms.trimKeeping(t, MIN_CLIP_S, random),
                  expected,
                  t,
                  random));
          queries.add(
              q(
                  index,
                  f,
                  names,
                  Transform.TRIM_REENCODE,
                  Transforms.trimKeeping(t, MIN_CLIP_S, random),
                  expected,
                  t,
                  random));
          queries.add(
              q(
                  index,
                  f,
                  names,
                  Transform.RESAMPLE,
                  Transforms.resample(t, otherRate(o.rateHz(), random), random),
                  expected,
                  t,
                  random));
          queries.add(
              q(index, f, names, Transform.FLOAT16, Transforms.float16(t), expected, t, random));
          queries.add(
              q(index, f, names, Transform.RADIANS, Transforms.radians(t), expected, t, random));
          queries.add(
              q(
                  index,
                  f,
                  names,
                  Transform.DEGREES_NORMALISED,
                  Transforms.degreesNormalised(t, c.normalisedUnits(), random),
                  expected,
                  t,
                  random));
          Transforms.Edited cut = Transforms.trimKeeping(t, MIN_CLIP_S, random);
          Transforms.Edited all =
              Transforms.degreesNormalised(
                  Transforms.resample(cut.trajectory(), otherRate(o.rateHz(), random), random)
                      .trajectory(),
                  c.normalisedUnits(),
                  random);
          queries.add(
              q(
                  index,
                  f,
                  names,
                  Transform.TRIM_RESAMPLE_UNITS,
                  new Transforms.Edited(
                      all.trajectory(), cut.log() + ", resample, " + all.log(), cut.trimStartS()),
                  expected,
                  t,
                  random));
          int oi = i % site.size();
          SimTakes.Take next = site.get(oi + 1 < site.size() ? oi + 1 : 0);
          if (i % 2 == 0 && next != o && next.rateHz() == o.rateHz()) {
            queries.add(
                q(
                    index,
                    f,
                    names,
                    Transform.CONCATENATION,
                    Transforms.concatenate(t, next.trajectory()),
                    Set.of(o.episodeId(), next.episodeId()),
                    null,
                    random));
          }
        }
      }
      for (List<SimTakes.Take> site : originals.get(ci)) {
        SimTakes.Take o = site.get(0);
        queries.add(
            q(
                index,
                f,
                otherRobot(o.jointNames()),
                Transform.OTHER_LAYOUT,
                new Transforms.Edited(
                    o.trajectory(), "values of " + o.episodeId() + " under other joint names", 0),
                Set.of(),
                null,
                random));
      }
      for (int s = 0; s < c.sites().size(); s++) {
        List<SimTakes.Take> all = c.sites().get(s);
        for (SimTakes.Take take : all.subList(originals.get(ci).get(s).size(), all.size())) {
          queries.add(
              q(
                  index,
                  f,
                  take.jointNames(),
                  Transform.NEW_TAKE,
                  new Transforms.Edited(take.trajectory(), "new take " + take.episodeId(), 0),
                  Set.of(),
                  null,
                  random));
        }
      }
    }
    return queries;
  }

  /** Trimmed copies keep at least this long (see {@link Transforms#trimKeeping}). */
  static final double MIN_CLIP_S = 2.0;

  private static double otherRate(double rate, SplittableRandom random) {
    double[] rates = {15, 25, 30, 50, 60, 100};
    double r;
    do {
      r = rates[random.nextInt(rates.length)];
    } while (r == rate);
    return r;
  }

  /** LeRobot v2.0's names of the same joints ({@code main_} prefix, no {@code .pos}). */
  static List<String> renamed(List<String> names) {
    return names.stream().map(n -> "main_" + n.replace(".pos", "")).toList();
  }

  /** Names of another robot with as many joints (a CR5-style {@code joint1..jointN}). */
  static List<String> otherRobot(List<String> names) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      out.add("other_robot_joint" + (j + 1));
    }
    return out;
  }

  private static Query q(
      NearDuplicateIndex index,
      String family,
      List<String> names,
      Transform transform,
      Transforms.Edited edited,
      Set<String> expected,
      Trajectory original,
      SplittableRandom random) {
    TrajectorySketch sketch = TrajectorySketch.of(edited.trajectory(), names);
    List<NearDuplicateMatch> found = index.findAll(sketch, FrameConfirmation.NONE);
    double kept = original == null ? 1 : edited.trajectory().durationS() / original.durationS();
    NearDuplicateMatch.Kind kind =
        switch (transform) {
          case RENAME, REENCODE, FLOAT16 -> NearDuplicateMatch.Kind.DUPLICATE;
          case TRIM, TRIM_REENCODE ->
              kept >= 0.9 ? NearDuplicateMatch.Kind.DUPLICATE : NearDuplicateMatch.Kind.SUB_CLIP;
          case RESAMPLE, RADIANS, DEGREES_NORMALISED -> NearDuplicateMatch.Kind.REPLAY;
          case TRIM_RESAMPLE_UNITS ->
              kept >= 0.9 ? NearDuplicateMatch.Kind.REPLAY : NearDuplicateMatch.Kind.SUB_CLIP;
          case CONCATENATION -> NearDuplicateMatch.Kind.SUB_CLIP;
          case NEW_TAKE, OTHER_LAYOUT -> null;
        };
    // Half of the re-uploads come from another site (the detector never sees the site).
    boolean otherSite = !expected.isEmpty() && random.nextBoolean();
    return new Query(
        family,
        transform,
        edited.log(),
        expected,
        kind,
        edited.trimStartS(),
        found,
        sketch,
        otherSite,
        edited.trajectory());
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
   * them through {@link NearDuplicateConfig#requiredCorrelation}, as the index does. {@code
   * -Dtributary.dedup.minCorrelationOtherUnits=X} scores another hand-set {@code
   * minCorrelationOtherUnits} (the benchmark's {@code DEDUP_BENCH_JAVA_OPTS}).
   */
  private static final NearDuplicateConfig DEFAULTS =
      NearDuplicateConfig.defaults()
          .withMinCorrelationOtherUnits(
              Double.parseDouble(
                  System.getProperty(
                      "tributary.dedup.minCorrelationOtherUnits",
                      String.valueOf(NearDuplicateConfig.defaults().minCorrelationOtherUnits()))));

  /** Per-transform counts, plus the pooled total under key null... see {@link #pooled}. */
  public static Map<Transform, Counts> score(List<Query> queries, double threshold) {
    NearDuplicateConfig rule = DEFAULTS.withMinCorrelation(threshold);
    Map<Transform, Counts> out = new EnumMap<>(Transform.class);
    for (Query q : queries) {
      Counts c = out.computeIfAbsent(q.transform(), t -> new Counts());
      c.queries++;
      c.expectedPairs += q.expected().size();
      for (NearDuplicateMatch m : q.found()) {
        if (m.correlation() < rule.requiredCorrelation(m)) {
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

  /** {@link #score} per family, families in the order they first appear. */
  public static Map<String, Map<Transform, Counts>> scoreByFamily(
      List<Query> queries, double threshold) {
    Map<String, List<Query>> byFamily = new java.util.LinkedHashMap<>();
    queries.forEach(q -> byFamily.computeIfAbsent(q.family(), k -> new ArrayList<>()).add(q));
    Map<String, Map<Transform, Counts>> out = new java.util.LinkedHashMap<>();
    byFamily.forEach((f, qs) -> out.put(f, score(qs, threshold)));
    return out;
  }

  /** Only the queries of these families. */
  public static List<Query> of(List<Query> queries, Set<String> families) {
    return queries.stream().filter(q -> families.contains(q.family())).toList();
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
