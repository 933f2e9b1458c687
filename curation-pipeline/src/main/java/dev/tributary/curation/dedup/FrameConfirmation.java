package dev.tributary.curation.dedup;

/**
 * The seam for a second opinion on a trajectory match, asked after the trajectory confirmed it and
 * before it is reported: perceptual hashes of time-aligned video frames (frame at new time t vs
 * stored frame at t + {@link NearDuplicateMatch#offsetS()}). Not implemented yet: the pipeline does
 * not decode video. Visual hashes collide across different takes at one site, so they may only veto
 * or re-label a trajectory match, never find one (DESIGN.md section 4).
 */
@FunctionalInterface
public interface FrameConfirmation {
  /** Accepts every trajectory match as it is. */
  FrameConfirmation NONE = match -> match;

  /**
   * @param match a match confirmed by the joint trajectory
   * @return the match (possibly with another kind, e.g. {@code REPLAY} when the frames differ), or
   *     null to reject it
   */
  NearDuplicateMatch review(NearDuplicateMatch match);
}
