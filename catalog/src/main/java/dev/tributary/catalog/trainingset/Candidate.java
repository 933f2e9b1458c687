package dev.tributary.catalog.trainingset;

import java.time.Instant;
import java.util.List;

/**
 * One episode as the selector sees it: the columns the filters need plus a feature vector.
 *
 * @param features duration, sample count, then per-joint mean and standard deviation of the state
 *     over the episode's frames (see {@link CandidateLoader}); raw units, z-scored by the selector
 */
public record Candidate(
    String episodeId,
    String siteId,
    String robotType,
    String task,
    String status,
    List<String> reasons,
    String duplicateOf,
    String exactKey,
    Double qualityScore,
    Instant startedAt,
    double[] features) {

  public Candidate {
    reasons = List.copyOf(reasons == null ? List.of() : reasons);
    task = task == null ? "" : task;
  }

  double quality() {
    return qualityScore == null ? 0 : qualityScore;
  }
}
