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
    double[] features,
    Layout layout) {

  /**
   * What must be the same for every episode of one LeRobot dataset: fps, robot type, state and
   * action names, cameras. {@code null} fields are unknown and match anything.
   */
  public record Layout(
      Float fps,
      String robotType,
      List<String> stateNames,
      List<String> actionNames,
      List<String> cameras) {

    /** The layout as a user reads it in a message. */
    String describe() {
      return (fps == null ? "? Hz" : fmt(fps) + " Hz")
          + ", "
          + robotType
          + ", state "
          + stateNames
          + (actionNames.equals(stateNames) ? "" : ", action " + actionNames)
          + ", cameras "
          + cameras;
    }

    static String fmt(float fps) {
      return fps == Math.rint(fps) ? String.valueOf((int) fps) : String.valueOf(fps);
    }
  }

  public Candidate {
    reasons = List.copyOf(reasons == null ? List.of() : reasons);
    task = task == null ? "" : task;
  }

  /** A candidate whose layout is unknown (checked by nothing). */
  public Candidate(
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
    this(
        episodeId,
        siteId,
        robotType,
        task,
        status,
        reasons,
        duplicateOf,
        exactKey,
        qualityScore,
        startedAt,
        features,
        null);
  }

  double quality() {
    return qualityScore == null ? 0 : qualityScore;
  }
}
