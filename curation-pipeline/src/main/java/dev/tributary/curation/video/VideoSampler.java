package dev.tributary.curation.video;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.media.FrameSampler;
import dev.tributary.media.MediaException;
import dev.tributary.media.SampledVideo;
import dev.tributary.media.TimedSamples;
import dev.tributary.media.VideoTimestamps;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.VideoSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an episode's videos once each: fetches the file, opens it once, reads every frame's
 * presentation time from the packets (no decoding) and decodes {@code framesPerCamera} frames
 * spread over the video (one slice of {@code duration / framesPerCamera} apart, the grid shifted
 * onto the keyframes where that decodes fewer frames; on videos with few long GOPs the two frames
 * after each keyframe instead: {@link FrameSampler#sampleWithTimes}), scaled down to {@code
 * maxWidth}. A camera whose object is missing, refused or cannot be decoded is reported in {@link
 * EpisodeVideos#unreadable()}. When the store itself does not answer, {@link
 * VideoStoreUnavailableException} propagates: nothing can be said about the episode then, and the
 * caller retries it later. Blocking; thread-safe.
 */
public final class VideoSampler {
  private static final Logger LOG = LoggerFactory.getLogger(VideoSampler.class);

  private final VideoSource source;
  private final int framesPerCamera;
  private final int maxWidth;
  private final int decoderThreads;

  public VideoSampler(VideoSource source, int framesPerCamera, int maxWidth) {
    this(source, framesPerCamera, maxWidth, FrameSampler.DEFAULT_DECODER_THREADS);
  }

  /**
   * @param decoderThreads FFmpeg decoder threads per video (1, the default: all decoding on the
   *     calling thread; more moves part of an AV1 decode to worker threads, see BENCHMARKS.md
   *     "Video on real LeRobot recordings")
   */
  public VideoSampler(VideoSource source, int framesPerCamera, int maxWidth, int decoderThreads) {
    if (decoderThreads < 1) {
      throw new IllegalArgumentException("decoderThreads must be >= 1, got " + decoderThreads);
    }
    if (framesPerCamera < 1 || maxWidth < 8) {
      throw new IllegalArgumentException(
          "framesPerCamera must be >= 1 and maxWidth >= 8, got "
              + framesPerCamera
              + ", "
              + maxWidth);
    }
    this.source = source;
    this.framesPerCamera = framesPerCamera;
    this.maxWidth = maxWidth;
    this.decoderThreads = decoderThreads;
  }

  public int framesPerCamera() {
    return framesPerCamera;
  }

  /**
   * @throws VideoStoreUnavailableException when the store does not answer for some camera (files of
   *     cameras fetched before are already deleted)
   */
  public EpisodeVideos sample(AssembledEpisode episode) {
    Map<String, Double> fps = new LinkedHashMap<>();
    for (CameraSpec c : episode.manifest().getCameras()) {
      fps.put(c.getKey(), (double) c.getFps());
    }
    List<CameraSample> cameras = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    long fetchNanos = 0;
    long decodeNanos = 0;
    for (VideoSegment segment : episode.videos()) {
      String camera = segment.getCameraKey();
      long started = System.nanoTime();
      try (LocalVideo video = source.fetch(segment)) {
        long fetched = System.nanoTime();
        fetchNanos += fetched - started;
        try {
          TimedSamples read =
              FrameSampler.sampleWithTimes(video.file(), framesPerCamera, maxWidth, decoderThreads);
          VideoTimestamps times = read.timestamps();
          SampledVideo sampled = read.sampled();
          double declared = fps.getOrDefault(camera, 0.0);
          cameras.add(
              new CameraSample(
                  camera,
                  sampled,
                  times.presentationSeconds(),
                  declared > 0 ? declared : times.frameRate(),
                  segment.getFrameCount()));
        } catch (MediaException e) {
          unreadable.put(camera, e.getMessage());
          warn(episode, camera, e.getMessage());
        } catch (RuntimeException e) { // a file FFmpeg opens but JavaCPP chokes on: same outcome
          String reason = "reading the video failed: " + e;
          unreadable.put(camera, reason);
          warn(episode, camera, reason);
        } finally {
          decodeNanos += System.nanoTime() - fetched;
        }
      } catch (VideoUnavailableException e) {
        fetchNanos += System.nanoTime() - started;
        unreadable.put(camera, e.getMessage());
        warn(episode, camera, e.getMessage());
      }
    }
    return new EpisodeVideos(cameras, unreadable, fetchNanos, decodeNanos);
  }

  private static void warn(AssembledEpisode episode, String camera, String reason) {
    LOG.warn(
        "episode {} (site {}): camera {} cannot be read, the episode gets video_unreadable:{}"
            + " and the other checks go on: {}",
        episode.episodeId(),
        episode.siteId(),
        camera,
        camera,
        reason);
  }
}
