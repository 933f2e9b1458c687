package dev.tributary.curation.video;

import dev.tributary.media.SampledVideo;
import java.util.Arrays;

/**
 * What was read from one camera's video of an episode.
 *
 * @param cameraKey the manifest's camera key
 * @param video the decoded sample frames (scaled down), in time order
 * @param frameTimes presentation time of every frame in the stream, seconds from its first frame,
 *     ascending (read from packets, not decoded); its length is the stream's frame count
 * @param nominalFps the camera's declared frame rate (manifest), else the container's; 0 if neither
 *     says
 * @param declaredFrameCount frames the recorder declared for this video ({@code
 *     VideoSegment.frameCount})
 */
public record CameraSample(
    String cameraKey,
    SampledVideo video,
    double[] frameTimes,
    double nominalFps,
    int declaredFrameCount) {

  public CameraSample {
    frameTimes = frameTimes.clone();
  }

  /** The times (a copy). */
  @Override
  public double[] frameTimes() {
    return frameTimes.clone();
  }

  /** Frames in the stream (packets with a timestamp). */
  public int frameCount() {
    return frameTimes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CameraSample c
        && cameraKey.equals(c.cameraKey)
        && video.equals(c.video)
        && Arrays.equals(frameTimes, c.frameTimes)
        && nominalFps == c.nominalFps
        && declaredFrameCount == c.declaredFrameCount;
  }

  @Override
  public int hashCode() {
    return cameraKey.hashCode() * 31 + Arrays.hashCode(frameTimes);
  }

  @Override
  public String toString() {
    return "CameraSample["
        + cameraKey
        + ", "
        + video.frames().size()
        + " sampled of "
        + frameTimes.length
        + " frames at "
        + nominalFps
        + " fps]";
  }
}
