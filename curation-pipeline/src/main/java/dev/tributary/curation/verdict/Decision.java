package dev.tributary.curation.verdict;

import dev.tributary.schema.VerdictStatus;
import java.util.List;

/**
 * The pipeline's decision about a complete episode.
 *
 * @param exactKey exact-duplicate key, null when the joint data was too malformed to hash
 * @param duplicateOf the first episode with the same exact key, for {@code DUPLICATE}
 * @param qualityScore in [0, 1], null when not computed
 */
public record Decision(
    VerdictStatus status,
    List<String> reasons,
    String duplicateOf,
    String exactKey,
    Double qualityScore) {

  public Decision {
    reasons = List.copyOf(reasons);
  }

  /** Whether the episode's samples go to the {@code frames} table. */
  public boolean keepsFrames() {
    return status == VerdictStatus.ACCEPTED || status == VerdictStatus.ACCEPTED_WITH_FLAGS;
  }
}
