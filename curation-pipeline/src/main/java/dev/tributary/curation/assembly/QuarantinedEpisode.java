package dev.tributary.curation.assembly;

import dev.tributary.schema.EpisodeManifest;
import java.util.List;

/**
 * An episode that did not become complete in time (or was evicted to bound memory); what was
 * missing is in {@link #reasons()}.
 *
 * @param siteId the site of its first event
 * @param manifest null when the manifest never arrived
 * @param samplesReceived joint samples in the chunks that did arrive
 */
public record QuarantinedEpisode(
    String episodeId,
    String siteId,
    int partition,
    long firstOffset,
    List<String> reasons,
    EpisodeManifest manifest,
    int samplesReceived,
    long firstReceivedAtMicros,
    long lastReceivedAtMicros) {

  public QuarantinedEpisode {
    reasons = List.copyOf(reasons);
  }
}
