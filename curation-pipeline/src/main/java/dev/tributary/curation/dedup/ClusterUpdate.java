package dev.tributary.curation.dedup;

import java.util.List;

/**
 * What adding an episode did to the duplicate clusters.
 *
 * @param episodeId the added episode
 * @param representativeId the representative of its cluster now (itself when it is alone)
 * @param formerRepresentatives episodes that were representatives of the clusters it joined and no
 *     longer are (empty when nothing changed): the training set should swap them for {@code
 *     representativeId}
 */
public record ClusterUpdate(
    String episodeId, String representativeId, List<String> formerRepresentatives) {
  /** Whether the added episode became the representative of a cluster that existed before. */
  public boolean becameRepresentative() {
    return representativeId.equals(episodeId) && !formerRepresentatives.isEmpty();
  }
}
