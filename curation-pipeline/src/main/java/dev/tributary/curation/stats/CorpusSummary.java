package dev.tributary.curation.stats;

/** One row of {@code corpus_stats}. */
public record CorpusSummary(
    long episodes,
    long accepted,
    int sites,
    double acceptedHours,
    int cellsCovered,
    Double vendiScore) {}
