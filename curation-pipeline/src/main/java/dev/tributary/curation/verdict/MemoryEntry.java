package dev.tributary.curation.verdict;

import dev.tributary.curation.dedup.TrajectorySketch;
import java.util.List;

/**
 * What one decided episode adds to the {@link CurationMemory}, applied by {@link
 * CurationMemory#record}: the decider builds one per decision, {@code iceberg.EpisodeIndexLoader}
 * one per row another instance wrote. Keeping it a value is what lets the decider look without
 * touching, and the memory change in one place.
 *
 * @param exactKey null when the joints could not be hashed
 * @param original accepted (flagged or not): the reference of its exact key; {@code accepted} then
 *     carries its novelty vector and duration
 * @param clusterId the duplicate cluster it joins (the cluster's first member); null when none
 * @param near its near-duplicate sketch and links; null when it has no sketch
 * @param accepted what the novelty and length statistics count; null unless {@code original}
 */
public record MemoryEntry(
    String episodeId,
    String exactKey,
    boolean original,
    String clusterId,
    NearDuplicate near,
    Accepted accepted) {

  /** An episode decided without a row of its own kept in memory (quarantined): only its id. */
  public static MemoryEntry idOnly(String episodeId) {
    return new MemoryEntry(episodeId, null, false, null, null, null);
  }

  /**
   * An episode's place in the near-duplicate index.
   *
   * @param quality breaks ties between equally long members of a duplicate cluster
   * @param duplicateOf the stored episodes it repeats (linked into one cluster)
   * @param frameHashes packed frame hashes ({@link StoredFrameHashes}); null without video
   * @param siteId the site that uploaded it (the index looks for a match's twins among its site's
   *     takes); null when unknown
   */
  public record NearDuplicate(
      TrajectorySketch sketch,
      double quality,
      List<String> duplicateOf,
      long[] frameHashes,
      String siteId) {
    public NearDuplicate {
      duplicateOf = List.copyOf(duplicateOf);
    }
  }

  /**
   * An accepted episode as the statistics see it.
   *
   * @param diversityFeatures its novelty vector; null when the row has none
   * @param durationS null when the row has none
   */
  public record Accepted(
      String robotType, String siteId, String task, float[] diversityFeatures, Double durationS) {}
}
