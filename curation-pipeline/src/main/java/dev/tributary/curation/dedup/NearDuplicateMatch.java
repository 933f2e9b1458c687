package dev.tributary.curation.dedup;

/**
 * A stored episode that a new one repeats, confirmed by aligned correlation.
 *
 * @param originalEpisodeId the stored episode
 * @param kind how the two relate (definitions on {@link Kind})
 * @param overlapS length of the time-aligned overlap, in seconds
 * @param newCoverage fraction of the new episode inside the overlap
 * @param originalCoverage fraction of the stored episode inside the overlap
 * @param correlation lowest per-joint correlation over the overlap (joints that move there)
 * @param offsetS where the new episode's start lies on the stored episode's timeline: stored time =
 *     new time + offset (positive: the new one was trimmed at the start; negative: the stored one
 *     starts {@code -offset} seconds into the new one, as in a concatenation)
 * @param votes landmark hashes that agreed on the offset
 * @param evidence votes over the votes an exact copy of the overlap would get (about 0.5-1 for a
 *     copy, well below for a chance resemblance); estimated from three-moment triplets, so not
 *     comparable for a match found by the two-moment pass of a short episode (diagnostic only)
 * @param sameUnits whether every compared joint maps onto the stored one by the identity (same
 *     numbers); otherwise the match claims the values were re-expressed (units, normalisation) and
 *     had to meet {@link NearDuplicateConfig#minCorrelationOtherUnits()}, unless {@code unitChange}
 * @param unitChange not the identity, but every one of at least 8 compared joints changed its
 *     scale, as a conversion of units does (issue 16, sixth round): held to {@link
 *     NearDuplicateConfig#minCorrelation()} like a same-unit match (see {@link
 *     NearDuplicateConfig#requiredCorrelation(boolean, boolean)})
 */
public record NearDuplicateMatch(
    String originalEpisodeId,
    Kind kind,
    double overlapS,
    double newCoverage,
    double originalCoverage,
    double correlation,
    double offsetS,
    int votes,
    double evidence,
    boolean sameUnits,
    boolean unitChange) {

  /**
   * How a confirmed match relates the two episodes. "Covers" means at least {@link
   * NearDuplicateConfig#wholeCoverage()} (default 0.9) of an episode lies inside the overlap.
   */
  public enum Kind {
    /**
     * The overlap covers both episodes, the joint values are the same numbers (every joint maps by
     * the identity within 3 %) at the same nominal sample rate (within 2 %): a re-upload, renamed,
     * re-encoded or re-chunked, possibly with a few samples cut.
     */
    DUPLICATE,
    /**
     * One episode is (essentially) contained in the other, or they share a segment: the new one is
     * a trimmed part of the stored one, or the stored one is part of the new one (a concatenation),
     * whatever the units and rate.
     */
    SUB_CLIP,
    /**
     * The overlap covers both episodes, but the values were re-expressed: another sample rate
     * (resampled, interpolated) or another unit per joint (degrees vs radians, LeRobot's -100..100
     * normalisation). The same motion, re-exported. A scripted re-run of a robot would also land
     * here; frame hashes (see {@link FrameConfirmation}) can tell them apart later.
     */
    REPLAY
  }
}
