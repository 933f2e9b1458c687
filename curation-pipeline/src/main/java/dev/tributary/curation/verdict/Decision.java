package dev.tributary.curation.verdict;

import dev.tributary.schema.VerdictStatus;
import java.util.List;

/**
 * The pipeline's decision about a complete episode.
 *
 * @param exactKey exact-duplicate key, null when the joint data was too malformed to hash
 * @param duplicateOf the earlier episode this one duplicates, for {@code DUPLICATE}
 * @param qualityScore in [0, 1], null when not computed
 * @param signals what curation measured besides the verdict (scores, features, sketches)
 */
public record Decision(
    VerdictStatus status,
    List<String> reasons,
    String duplicateOf,
    String exactKey,
    Double qualityScore,
    Signals signals) {

  public Decision {
    reasons = List.copyOf(reasons);
    signals = signals == null ? Signals.NONE : signals;
  }

  public Decision(
      VerdictStatus status,
      List<String> reasons,
      String duplicateOf,
      String exactKey,
      Double qualityScore) {
    this(status, reasons, duplicateOf, exactKey, qualityScore, Signals.NONE);
  }

  /** Whether the episode's samples go to the {@code frames} table. */
  public boolean keepsFrames() {
    return status == VerdictStatus.ACCEPTED || status == VerdictStatus.ACCEPTED_WITH_FLAGS;
  }

  public Decision withSignals(Signals s) {
    return new Decision(status, reasons, duplicateOf, exactKey, qualityScore, s);
  }

  /**
   * Measurements stored with the episode's row.
   *
   * @param duplicateKind EXACT, DUPLICATE, SUB_CLIP, REPLAY or SUPERSEDES; null when unique
   * @param duplicateCluster id of the episode's duplicate cluster; null when unique
   * @param novelty in [0, 1]; null when not scored (rejected, quarantined)
   * @param diversityFeatures null when not computed
   * @param coverageCell null when not computed
   * @param trajectorySketch near-duplicate sketch; null when not computed
   * @param frameHashes perceptual hashes of sampled video frames; null when no video was read
   */
  public record Signals(
      String duplicateKind,
      String duplicateCluster,
      Double novelty,
      float[] diversityFeatures,
      Integer coverageCell,
      byte[] trajectorySketch,
      long[] frameHashes) {
    public static final Signals NONE = new Signals(null, null, null, null, null, null, null);
  }
}
