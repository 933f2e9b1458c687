package dev.tributary.catalog.trainingset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses N episodes the way {@code ../shared/research/dedup-diversity.md} §4.D recommends, as a
 * pure function of the candidates (same input, same output, in the same order):
 *
 * <ol>
 *   <li>quality gate: filters, admitted statuses, flags, minimum quality;
 *   <li>one representative per duplicate cluster: {@code duplicate_of} must be null (a member of a
 *       near-duplicate cluster that is not its representative counts as a duplicate), and of
 *       episodes sharing an {@code exact_key} only the best (quality, then earliest, then id)
 *       stays;
 *   <li>two-level water-filling: every site gets {@code min(capacity, tau)} with tau chosen so the
 *       total is N, then each site's share is split across its tasks the same way; a group's
 *       capacity is {@code min(size, capPerGroup)} (groups are (scene, task), site stands in for
 *       scene because the tables have no scene column yet);
 *   <li>inside each group: farthest-first k-center greedy over z-scored features, seeded by the
 *       best-quality episode.
 * </ol>
 *
 * Fewer than N come back when the gated pool (after caps) is smaller.
 */
public final class TrainingSetSelector {
  private TrainingSetSelector() {}

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingDouble(Candidate::quality)
          .reversed()
          .thenComparing(Candidate::startedAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Candidate::episodeId);

  public static List<Member> select(List<Candidate> candidates, TrainingSetSpec spec) {
    List<Candidate> gated = gate(candidates, spec);
    refuseMixedLayouts(gated, spec);
    List<Candidate> pool = onePerCluster(gated);
    // site -> task -> candidates, in key order so ties always break the same way
    Map<String, Map<String, List<Candidate>>> groups = new TreeMap<>();
    for (Candidate c : pool) {
      groups
          .computeIfAbsent(c.siteId(), s -> new TreeMap<>())
          .computeIfAbsent(c.task(), t -> new ArrayList<>())
          .add(c);
    }
    Map<String, Integer> siteCapacity = new LinkedHashMap<>();
    groups.forEach(
        (site, tasks) ->
            siteCapacity.put(
                site,
                tasks.values().stream()
                    .mapToInt(g -> Math.min(g.size(), spec.capPerGroup()))
                    .sum()));
    Map<String, Integer> siteQuota = waterFill(siteCapacity, spec.targetSize());
    double[][] scale = zScale(pool);
    List<Member> members = new ArrayList<>();
    for (var site : groups.entrySet()) {
      Map<String, Integer> taskCapacity = new LinkedHashMap<>();
      site.getValue()
          .forEach((task, g) -> taskCapacity.put(task, Math.min(g.size(), spec.capPerGroup())));
      Map<String, Integer> taskQuota = waterFill(taskCapacity, siteQuota.get(site.getKey()));
      for (var task : site.getValue().entrySet()) {
        String group = site.getKey() + " / " + task.getKey();
        for (Candidate c : farthestFirst(task.getValue(), taskQuota.get(task.getKey()), scale)) {
          members.add(new Member(c.episodeId(), c.siteId(), c.task(), group));
        }
      }
    }
    return members;
  }

  static List<Candidate> gate(List<Candidate> candidates, TrainingSetSpec spec) {
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : candidates) {
      boolean keep =
          spec.statuses().contains(c.status())
              && c.duplicateOf() == null
              && (spec.robotTypes().isEmpty() || spec.robotTypes().contains(c.robotType()))
              && (spec.tasks().isEmpty() || spec.tasks().contains(c.task()))
              && (spec.sites().isEmpty() || spec.sites().contains(c.siteId()))
              && (spec.startedFrom() == null
                  || (c.startedAt() != null && !c.startedAt().isBefore(spec.startedFrom())))
              && (spec.startedBefore() == null
                  || (c.startedAt() != null && c.startedAt().isBefore(spec.startedBefore())))
              && c.reasons().stream().noneMatch(spec.excludedFlags()::contains)
              && (spec.minQuality() == null
                  || (c.qualityScore() != null && c.qualityScore() >= spec.minQuality()))
              && formatMisfit(c, spec) == null;
      if (keep) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Why an episode does not fit the spec's fps and camera filters, or {@code null} when it does (or
   * its layout is unknown).
   */
  static String formatMisfit(Candidate c, TrainingSetSpec spec) {
    Candidate.Layout l = c.layout();
    if (l == null) {
      return null;
    }
    if (spec.fps() != null && (l.fps() == null || Math.abs(l.fps() - spec.fps()) > 1e-3)) {
      return "joint rate "
          + (l.fps() == null ? "unknown" : Candidate.Layout.fmt(l.fps()) + " Hz")
          + ", not --fps "
          + spec.fps();
    }
    if (!l.cameras().containsAll(spec.cameras())) {
      return "cameras " + l.cameras() + " lack some of --cameras " + spec.cameras();
    }
    return null;
  }

  /**
   * Episodes that pass every other filter but not fps / cameras, counted per reason: what the
   * format filters excluded, reported with the set.
   */
  public static Map<String, Integer> formatExclusions(
      List<Candidate> candidates, TrainingSetSpec spec) {
    TrainingSetSpec open = spec.withFormat(null, List.of());
    Map<String, Integer> out = new TreeMap<>();
    for (Candidate c : gate(candidates, open)) {
      String why = formatMisfit(c, spec);
      if (why != null) {
        out.merge(why, 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * One LeRobot dataset has one fps, robot type, state and action layout and camera set (the
   * cameras named by {@code --cameras}, else all): refuse a pool that mixes them, naming each
   * layout, how many episodes have it, and the filters that choose one. With {@code --resample-fps}
   * the joint rates may differ (the export converts them), the rest may not.
   */
  static void refuseMixedLayouts(List<Candidate> gated, TrainingSetSpec spec) {
    Map<String, Integer> layouts = new TreeMap<>();
    boolean anyRate = spec.resampleFps() != null;
    for (Candidate c : gated) {
      Candidate.Layout l = c.layout();
      if (l == null) {
        continue;
      }
      if (anyRate && l.fps() == null) {
        throw new TrainingSetException(
            "episode "
                + c.episodeId()
                + " has no joint rate, so it cannot be resampled to --resample-fps "
                + spec.resampleFps()
                + "; leave it out (e.g. with --fps)");
      }
      List<String> cameras = spec.cameras().isEmpty() ? l.cameras() : spec.cameras();
      Candidate.Layout seen =
          new Candidate.Layout(
              anyRate ? spec.resampleFps().floatValue() : l.fps(),
              l.robotType(),
              l.stateNames(),
              l.actionNames(),
              cameras);
      layouts.merge(seen.describe(), 1, Integer::sum);
    }
    if (layouts.size() > 1) {
      StringBuilder out = new StringBuilder();
      layouts.forEach(
          (layout, n) ->
              out.append(out.length() == 0 ? "" : "; ")
                  .append(n)
                  .append(" x [")
                  .append(layout)
                  .append(']'));
      throw new TrainingSetException(
          "training set '"
              + spec.name()
              + "' would mix "
              + layouts.size()
              + " episode layouts, and a LeRobot dataset has one fps, robot type, joint layout and"
              + " camera set: "
              + out
              + ". Choose one with --fps, --robot-type and/or --cameras"
              + (anyRate ? "" : ", or convert every joint rate to one with --resample-fps N"));
    }
  }

  static List<Candidate> onePerCluster(List<Candidate> gated) {
    Map<String, Candidate> best = new LinkedHashMap<>();
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : gated) {
      if (c.exactKey() == null) {
        out.add(c);
      } else {
        best.merge(c.exactKey(), c, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
      }
    }
    out.addAll(best.values());
    out.sort(Comparator.comparing(Candidate::episodeId));
    return out;
  }

  /**
   * Integer water-filling: every key gets {@code min(capacity, tau)}, tau as large as the budget
   * allows; the last units of an uneven split go to the first unsaturated keys in map order.
   */
  static Map<String, Integer> waterFill(Map<String, Integer> capacities, int budget) {
    Map<String, Integer> given = new LinkedHashMap<>();
    capacities.keySet().forEach(k -> given.put(k, 0));
    int left = budget;
    while (left > 0) {
      List<String> open = new ArrayList<>();
      capacities.forEach(
          (k, cap) -> {
            if (given.get(k) < cap) {
              open.add(k);
            }
          });
      if (open.isEmpty()) {
        break;
      }
      int share = Math.max(1, left / open.size());
      for (String k : open) {
        int add = Math.min(Math.min(share, capacities.get(k) - given.get(k)), left);
        given.put(k, given.get(k) + add);
        left -= add;
        if (left == 0) {
          break;
        }
      }
    }
    return given;
  }

  /** Mean and standard deviation per feature over the pool (std 1 where it is 0). */
  static double[][] zScale(List<Candidate> pool) {
    int d = pool.isEmpty() ? 0 : pool.get(0).features().length;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (Candidate c : pool) {
      for (int i = 0; i < d; i++) {
        mean[i] += c.features()[i] / pool.size();
      }
    }
    for (Candidate c : pool) {
      for (int i = 0; i < d; i++) {
        double diff = c.features()[i] - mean[i];
        std[i] += diff * diff / pool.size();
      }
    }
    for (int i = 0; i < d; i++) {
      std[i] = std[i] > 1e-12 ? Math.sqrt(std[i]) : 1;
    }
    return new double[][] {mean, std};
  }

  /** Farthest-first traversal (k-center greedy, a 2-approximation), seeded by the best episode. */
  static List<Candidate> farthestFirst(List<Candidate> group, int k, double[][] scale) {
    List<Candidate> rest = new ArrayList<>(group);
    rest.sort(BEST_FIRST);
    List<Candidate> chosen = new ArrayList<>();
    if (k <= 0 || rest.isEmpty()) {
      return chosen;
    }
    double[] nearest = new double[rest.size()];
    java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    boolean[] taken = new boolean[rest.size()];
    int next = 0;
    while (chosen.size() < Math.min(k, rest.size())) {
      taken[next] = true;
      Candidate picked = rest.get(next);
      chosen.add(picked);
      int farthest = -1;
      for (int i = 0; i < rest.size(); i++) {
        if (taken[i]) {
          continue;
        }
        nearest[i] = Math.min(nearest[i], distance(picked, rest.get(i), scale));
        // strictly greater: ties keep the better-ranked (BEST_FIRST) episode
        if (farthest < 0 || nearest[i] > nearest[farthest]) {
          farthest = i;
        }
      }
      if (farthest < 0) {
        break;
      }
      next = farthest;
    }
    return chosen;
  }

  private static double distance(Candidate a, Candidate b, double[][] scale) {
    double sum = 0;
    for (int i = 0; i < a.features().length; i++) {
      double d = (a.features()[i] - b.features()[i]) / scale[1][i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
