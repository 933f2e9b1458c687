package dev.tributary.curation.assembly;

import java.util.List;

/**
 * An episode that did not become complete in time (or was evicted to bound memory); what was
 * missing is in {@link #reasons()}.
 *
 * @param siteId the site of its first event
 */
public record QuarantinedEpisode(
    String episodeId, String siteId, int partition, long firstOffset, List<String> reasons) {

  public QuarantinedEpisode {
    reasons = List.copyOf(reasons);
  }
}
