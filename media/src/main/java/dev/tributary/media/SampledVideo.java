package dev.tributary.media;

import java.util.List;

/**
 * What {@link FrameSampler} read from a video.
 *
 * @param codec FFmpeg's codec name, e.g. {@code h264} or {@code av1}
 * @param width coded width of the stream
 * @param height coded height of the stream
 * @param durationSeconds stream duration; 0 when the container does not say
 * @param frames the sampled frames in time order (may be fewer than asked for short videos)
 */
public record SampledVideo(
    String codec, int width, int height, double durationSeconds, List<SampledFrame> frames) {
  public SampledVideo {
    frames = List.copyOf(frames);
  }
}
