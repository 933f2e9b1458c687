package dev.tributary.catalog.query;

import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows, computed in one scan of {@code tributary.episodes} at one
 * snapshot: per-site counts, per-site activity, episodes per minute and the newest episodes.
 *
 * @param snapshotId the Iceberg snapshot scanned; 0 while the table has none
 * @param sites per-site counts, most episodes first
 * @param activity per site id
 * @param timeline episodes per curated minute over the last {@link CorpusScan#TIMELINE_MINUTES}
 *     minutes before the scan, oldest first, minutes without episodes omitted
 * @param recent the newest curated episodes over all sites, newest first
 */
public record CorpusSnapshot(
    long snapshotId,
    List<SiteStats> sites,
    Map<String, SiteActivity> activity,
    List<MinuteCount> timeline,
    List<EpisodeSummary> recent) {

  public static final CorpusSnapshot EMPTY =
      new CorpusSnapshot(0, List.of(), Map.of(), List.of(), List.of());
}
