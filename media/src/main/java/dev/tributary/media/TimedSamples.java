package dev.tributary.media;

/**
 * What {@link FrameSampler#sampleWithTimes} read from one opening of a video: every frame's packet
 * time and the sampled frames.
 *
 * @param decodedFrames frames the decoder returned for all samples together (what the sampling cost
 *     in decoding; at least one per sample that found a frame)
 * @param decoderThreads the thread count the decoder was opened with
 */
public record TimedSamples(
    VideoTimestamps timestamps, SampledVideo sampled, int decodedFrames, int decoderThreads) {}
