package dev.tributary.curation.stats;

import java.util.List;

/**
 * What the statistics need of one {@code episodes} row.
 *
 * @param durationSeconds 0 when unknown
 * @param quality null when not scored
 * @param novelty null when not scored
 * @param cell coverage cell, null when not scored
 * @param features diversity vector, null when not scored
 * @param duplicateCluster cluster id (its first member), null for an episode that was unique
 * @param reasons the verdict's reasons (what was missing, for quarantined episodes)
 */
public record EpisodeFacts(
    String episodeId,
    String siteId,
    String status,
    String task,
    double durationSeconds,
    int sampleCount,
    Double quality,
    Double novelty,
    Integer cell,
    float[] features,
    String duplicateKind,
    String duplicateCluster,
    List<String> reasons,
    long curatedAtMicros) {

  public boolean accepted() {
    return "ACCEPTED".equals(status) || "ACCEPTED_WITH_FLAGS".equals(status);
  }
}
