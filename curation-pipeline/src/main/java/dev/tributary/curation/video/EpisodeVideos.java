package dev.tributary.curation.video;

import dev.tributary.media.SampledFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sampled videos of one episode: one {@link CameraSample} per readable camera, and the reason
 * each other camera could not be read.
 *
 * @param cameras readable cameras, in the manifest's order
 * @param unreadable camera key -> one-line reason (missing object, not a video, ...)
 * @param fetchNanos time spent getting the files (download, or nothing for local files)
 * @param decodeNanos time spent reading packet times and decoding the sample frames
 */
public record EpisodeVideos(
    List<CameraSample> cameras, Map<String, String> unreadable, long fetchNanos, long decodeNanos) {

  public EpisodeVideos {
    cameras = List.copyOf(cameras);
    unreadable = Map.copyOf(unreadable);
  }

  /** No camera (an episode without video, or camera checks off). */
  public static EpisodeVideos none() {
    return new EpisodeVideos(List.of(), Map.of(), 0, 0);
  }

  /** Every sampled frame of every readable camera. */
  public List<SampledFrame> allFrames() {
    List<SampledFrame> out = new ArrayList<>();
    for (CameraSample c : cameras) {
      out.addAll(c.video().frames());
    }
    return out;
  }
}
