package dev.tributary.curation.dedup;

/**
 * Whether a clip matched on one vote in other units fits another stored episode about as well
 * (issue 16, nineteenth round). The one-vote retry ({@link NearDuplicateIndex}) keeps such a match
 * only when its source is unambiguous: a robot's scripted re-runs are the same motion to five
 * decimals, so a short converted clip of one correlates 1.00000 with another, and the one vote
 * chose whichever re-run it happened to hit (round 9, 3 draws: two clips of the HIRO's runs matched
 * another run while their own original had no vote). A re-upload of a hand-guided take has no such
 * rival: nothing else stored fits its clip within the other-units bar's width.
 *
 * <p>The rivals looked at are the stored episodes of the same joints and layout among the {@link
 * #NEIGHBOURS} episodes of the matched one's site indexed just before it and the {@link
 * #NEIGHBOURS} just after it ({@link EpisodeSites}; a session's takes, and a scripted cell's
 * re-runs, come from one site), and, of other sites, those indexed within {@link #NEIGHBOURS} of it
 * in the whole index's order (what the nineteenth round looked at: so this never sees fewer rivals
 * than that rule did; a take of another site that fits the clip as well makes the match just as
 * ambiguous), each at every offset where the clip lies inside it ({@link #STEP_S} apart; the
 * alignment looks {@link NearDuplicateIndex#ALIGN_REACH_S} either side). Episodes of the matched
 * one's duplicate cluster are the same recording, not rivals. This runs only for a one-vote match
 * in other units confirmed by the retry (3 draws on the permissive index: 20 scans in round 9's
 * run, 76 in the derived 10 Hz set's, each run several thousand lookups); a scan aligns at most
 * {@code 4 * NEIGHBOURS} stored episodes at every {@link #STEP_S} of their span, whatever the
 * index's size (some 10-20 ms of CPU on those sets).
 *
 * <p><b>Known weakness.</b> "Near" is the site's own indexing order, plus the index's order for
 * other sites (twentieth round; the nineteenth looked only at the index's order, which many sites
 * uploading at once spread a site's re-runs beyond). A twin indexed more than {@code NEIGHBOURS} of
 * its site's takes away (a cell re-running one script over a long session, between other scripts),
 * or uploaded by another site and indexed far from it (a lab's two cells under two site ids), is
 * not seen, and the one vote keeps whichever re-run it hit. An episode indexed without a site
 * (null: an index fed no sites) belongs to the one unnamed site, so such an index looks in its
 * whole order, as before.
 */
final class OneVoteRivals {
  /** Stored episodes looked at on either side of the matched one, in the order indexed. */
  static final int NEIGHBOURS = 64;

  /**
   * Offsets tried along a rival: the coarse grid's finest step (10 Hz), so a guess lies within 0.05
   * s of the true place; the alignment then searches around it. A coarser step misses: a 2 s clip
   * of 0.6 s bells correlates about 0.8 at 0.1 s off its place (the unit test's clip).
   */
  static final double STEP_S = 0.1;

  /**
   * How far under the bar a guess may correlate and still be searched around: at 0.05 s off its
   * place a clip of fast bells correlates well under the bar, but far above this.
   */
  static final double SEARCH_FROM = 0.5;

  /**
   * How close a rival's correlation must come to the match's to make it ambiguous: the width of the
   * shipped other-units bar (1 - 0.99986), rounded up. Closer than that the correlation cannot say
   * which of two stored episodes a converted clip came from.
   */
  static final double MARGIN = 2e-4;

  private OneVoteRivals() {}

  /**
   * Whether another stored episode of {@code episode}'s site near it in that site's order, or of
   * another site near it in the index's order, fits the new episode within {@link #MARGIN} of
   * {@code correlation}, over at least {@code wholeCoverage} of its span.
   */
  static boolean exists(
      NearDuplicateIndex index,
      TrajectorySketch sketch,
      int episode,
      int layout,
      int cluster,
      double correlation) {
    double needed = index.config().wholeCoverage() * sketch.coarse().spanS();
    double bar = correlation - MARGIN;
    for (int e = index.previousOfSite(episode), k = 0;
        e >= 0 && k < NEIGHBOURS;
        e = index.previousOfSite(e), k++) {
      if (fits(index, sketch, e, layout, cluster, needed, bar)) {
        return true;
      }
    }
    for (int e = index.nextOfSite(episode), k = 0;
        e >= 0 && k < NEIGHBOURS;
        e = index.nextOfSite(e), k++) {
      if (fits(index, sketch, e, layout, cluster, needed, bar)) {
        return true;
      }
    }
    int site = index.siteNumberOf(episode);
    int from = Math.max(0, episode - NEIGHBOURS);
    int to = Math.min(index.size() - 1, episode + NEIGHBOURS);
    for (int e = from; e <= to; e++) {
      if (e != episode
          && index.siteNumberOf(e) != site
          && fits(index, sketch, e, layout, cluster, needed, bar)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether stored episode {@code e}, of a comparable layout and outside the matched one's cluster,
   * fits the new episode with a correlation of at least {@code bar} over {@code needed} seconds.
   */
  private static boolean fits(
      NearDuplicateIndex index,
      TrajectorySketch sketch,
      int e,
      int layout,
      int cluster,
      double needed,
      double bar) {
    if (!JointLayout.comparable(index.layoutOf(e), layout)
        || index.clusterOfEpisode(e) == cluster) {
      return false;
    }
    CoarseTrajectory query = sketch.coarse();
    double span = query.spanS();
    CoarseTrajectory stored = index.coarseOf(e);
    if (stored.joints() != query.joints() || stored.spanS() < needed) {
      return false;
    }
    for (double o = needed - span; o <= stored.spanS() - needed + 1e-9; o += STEP_S) {
      AlignedCorrelation.Alignment a =
          StoredGrid.align(
              sketch.fine(),
              query,
              stored,
              o,
              bar - SEARCH_FROM,
              bar - AlignedCorrelation.REFINE_MARGIN);
      if (a.correlation() >= bar && a.overlapS() >= needed) {
        return true;
      }
    }
    return false;
  }
}
