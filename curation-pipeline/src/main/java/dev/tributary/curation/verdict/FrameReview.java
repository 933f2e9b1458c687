package dev.tributary.curation.verdict;

import dev.tributary.curation.dedup.FrameConfirmation;
import dev.tributary.curation.dedup.NearDuplicateMatch;
import dev.tributary.curation.video.FrameHashes;
import java.util.HashSet;
import java.util.Set;

/**
 * The video's second opinion on a trajectory match: the new episode's sampled frames against the
 * stored episode's frames at the matched offset. Frames that agree confirm the match; frames that
 * clearly disagree mean the same motion was recorded again in another scene (a scripted replay),
 * which is new data. Visual hashes never find a match (takes at one site look alike).
 */
final class FrameReview implements FrameConfirmation {
  /** Share of compared frames that must be within {@link #MAX_BITS} for the video to agree. */
  static final double MIN_AGREEMENT = 0.5;

  static final int MAX_BITS = FrameHashes.DEFAULT_MAX_FRAME_DISTANCE;

  private final FrameHashes fresh;
  private final CurationMemory memory;
  private final Set<String> differed = new HashSet<>();

  FrameReview(FrameHashes fresh, CurationMemory memory) {
    this.fresh = fresh;
    this.memory = memory;
  }

  @Override
  public NearDuplicateMatch review(NearDuplicateMatch match) {
    if (fresh.isEmpty()) {
      return match;
    }
    FrameHashes stored = StoredFrameHashes.decode(memory.frameHashes(match.originalEpisodeId()));
    if (stored.isEmpty()) {
      return match;
    }
    // Samples sit at the centres of 8 equal slices: half a slice of the shorter episode apart.
    double tolerance = Math.max(0.25, match.overlapS() / 16);
    double agreement = fresh.alignedMatchedFraction(stored, match.offsetS(), tolerance, MAX_BITS);
    if (!Double.isNaN(agreement) && agreement < MIN_AGREEMENT) {
      differed.add(match.originalEpisodeId());
    }
    return match;
  }

  boolean framesDiffered(String originalEpisodeId) {
    return differed.contains(originalEpisodeId);
  }
}
