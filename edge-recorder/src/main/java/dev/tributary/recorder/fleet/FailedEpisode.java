package dev.tributary.recorder.fleet;

/** An episode the gateway rejected permanently, with its reason; kept in the spool. */
public record FailedEpisode(String episodeId, String reason) {}
