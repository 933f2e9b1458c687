package dev.tributary.curation.stats;

import java.util.List;

/**
 * One row of {@code duplicate_clusters}.
 *
 * @param representativeId the member training sets should use: the latest member that superseded
 *     the representative before it (a longer take of the same motion), else the first member
 */
public record DuplicateCluster(String clusterId, String representativeId, List<String> memberIds) {
  public DuplicateCluster {
    memberIds = List.copyOf(memberIds);
  }
}
