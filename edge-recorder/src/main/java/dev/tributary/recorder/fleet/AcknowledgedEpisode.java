package dev.tributary.recorder.fleet;

/** An episode whose commit the gateway acknowledged (202). */
public record AcknowledgedEpisode(String episodeId, int sampleCount, String contentSha256) {}
