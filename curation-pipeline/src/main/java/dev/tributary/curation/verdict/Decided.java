package dev.tributary.curation.verdict;

/**
 * What {@link EpisodeDecider} concluded about one episode: the decision to land, and what the
 * memory learns from it. Nothing is remembered until the caller passes {@code remember} to {@link
 * CurationMemory#record}, so a decision that is thrown away (or never reached) leaves no trace.
 */
public record Decided(Decision decision, MemoryEntry remember) {}
