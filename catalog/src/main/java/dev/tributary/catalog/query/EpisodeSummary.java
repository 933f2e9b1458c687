package dev.tributary.catalog.query;

import java.util.List;

/**
 * One curated episode as the dashboard's drill-down shows it.
 *
 * @param curatedAt when the pipeline committed the verdict (ISO-8601)
 * @param startedAt when recording started at the site (ISO-8601)
 */
public record EpisodeSummary(
    String episodeId,
    String siteId,
    String rigId,
    String task,
    String status,
    List<String> reasons,
    String duplicateOf,
    Double qualityScore,
    Double durationS,
    int sampleCount,
    String startedAt,
    String curatedAt) {}
