package dev.tributary.media;

/**
 * What {@link FrameSampler#sampleWithTimes} read from one opening of a video: every frame's packet
 * time and the sampled frames.
 */
public record TimedSamples(VideoTimestamps timestamps, SampledVideo sampled) {}
