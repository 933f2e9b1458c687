package dev.tributary.curation.stats;

/** One row of {@code site_stats}. */
public record SiteStats(
    String siteId,
    long episodes,
    long accepted,
    long flagged,
    long rejected,
    long duplicates,
    long quarantined,
    double hoursRecorded,
    double acceptedHours,
    Double meanQuality,
    Double meanNovelty,
    int cellsCovered,
    int uniqueCells,
    Double uniqueCoverage,
    Double vendiScore) {}
