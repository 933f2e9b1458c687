package dev.tributary.curation.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where on the new episode's timeline its confirmed matches lie. A match covers the stretch of the
 * new episode from {@code max(0, -offsetS)} for {@code overlapS} seconds (stored time = new time +
 * offset, see {@link NearDuplicateMatch#offsetS()}).
 */
final class QueryStretches {
  private QueryStretches() {}

  /**
   * Whether two matches cover mostly the same stretch of the new episode (over half the shorter).
   */
  static boolean sameStretch(NearDuplicateMatch a, NearDuplicateMatch b) {
    double startA = start(a);
    double startB = start(b);
    double common =
        Math.min(startA + a.overlapS(), startB + b.overlapS()) - Math.max(startA, startB);
    return common > 0.5 * Math.min(a.overlapS(), b.overlapS());
  }

  /**
   * The share of a new episode of {@code spanS} seconds that lies inside at least one match's
   * stretch (0 for no match; overlapping stretches count once).
   */
  static double coveredShare(List<NearDuplicateMatch> matches, double spanS) {
    if (matches.isEmpty() || spanS <= 0) {
      return 0;
    }
    List<NearDuplicateMatch> byStart = new ArrayList<>(matches);
    byStart.sort(Comparator.comparingDouble(QueryStretches::start));
    double covered = 0;
    double reached = 0;
    for (NearDuplicateMatch m : byStart) {
      double from = Math.max(reached, start(m));
      double to = Math.min(spanS, start(m) + m.overlapS());
      if (to > from) {
        covered += to - from;
        reached = to;
      }
    }
    return Math.min(1, covered / spanS);
  }

  /**
   * The stretches of a new episode of {@code spanS} seconds that no match covers, each at least
   * {@code minS} long, in order; each as {@code {fromS, toS}}.
   */
  static List<double[]> unexplained(List<NearDuplicateMatch> matches, double spanS, double minS) {
    List<NearDuplicateMatch> byStart = new ArrayList<>(matches);
    byStart.sort(Comparator.comparingDouble(QueryStretches::start));
    List<double[]> gaps = new ArrayList<>();
    double reached = 0;
    for (NearDuplicateMatch m : byStart) {
      if (start(m) - reached >= minS) {
        gaps.add(new double[] {reached, start(m)});
      }
      reached = Math.max(reached, start(m) + m.overlapS());
    }
    if (spanS - reached >= minS) {
      gaps.add(new double[] {reached, spanS});
    }
    return gaps;
  }

  /**
   * A match of a stretch that starts {@code fromS} into a new episode of {@code spanS} seconds, as
   * a match of the whole new episode: its offset moved, its coverage of the new episode shrunk, and
   * a sub-clip of it unless it still covers {@code wholeCoverage} of the new episode.
   */
  static NearDuplicateMatch placed(
      NearDuplicateMatch m, double fromS, double spanS, double wholeCoverage) {
    double newCoverage = Math.min(1, m.overlapS() / Math.max(1e-9, spanS));
    return new NearDuplicateMatch(
        m.originalEpisodeId(),
        newCoverage >= wholeCoverage ? m.kind() : NearDuplicateMatch.Kind.SUB_CLIP,
        m.overlapS(),
        newCoverage,
        m.originalCoverage(),
        m.correlation(),
        m.offsetS() - fromS,
        m.votes(),
        m.evidence(),
        m.sameUnits(),
        m.unitChange());
  }

  private static double start(NearDuplicateMatch m) {
    return Math.max(0, -m.offsetS());
  }
}
