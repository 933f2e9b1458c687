package dev.tributary.curation.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Of the same-units matches of one stretch of a new episode, keeps the best correlated (issue 16,
 * seventh round). A copy re-expresses one recording: a stretch cannot be a copy of two distinct
 * stored takes (two stored copies of one recording are one cluster, and the index reports a cluster
 * once). When a resampled copy of one of a robot's scripted runs also fits its other runs (they
 * repeat to within the coarse copy's rounding, and a resample keeps no sample to tell them apart,
 * see {@link SampleWindows}), the recording it was made from fits best. A match that shares sample
 * windows with the new episode holds that recording's own samples: it stays, and the same-units
 * matches of its stretch that share none go, whatever their correlation (a half of a concatenation
 * correlates a little less with its source near the seam than with a re-run of it). Ties are all
 * kept.
 */
final class OneRecordingPerStretch {
  private OneRecordingPerStretch() {}

  /**
   * @param query the new episode's coarse copy
   * @param stored the stored coarse copy of a match's episode
   */
  static void keepBest(
      List<NearDuplicateMatch> matches,
      CoarseTrajectory query,
      Function<NearDuplicateMatch, CoarseTrajectory> stored) {
    if (matches.size() < 2) {
      return;
    }
    List<NearDuplicateMatch> all = new ArrayList<>(matches);
    List<NearDuplicateMatch> holdingSamples = new ArrayList<>();
    SampleWindows own = query.windows();
    for (NearDuplicateMatch m : all) {
      SampleWindows theirs = stored.apply(m).windows();
      if (m.sameUnits() && own != null && theirs != null && own.shared(theirs) > 0) {
        holdingSamples.add(m);
      }
    }
    matches.removeIf(
        m ->
            m.sameUnits()
                && !holdingSamples.contains(m)
                && all.stream()
                    .anyMatch(
                        o ->
                            o != m
                                && o.sameUnits()
                                && (holdingSamples.contains(o) || o.correlation() > m.correlation())
                                && QueryStretches.sameStretch(o, m)));
  }
}
