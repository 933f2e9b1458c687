package dev.tributary.curation.quality;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.diversity.SceneFeatures;
import dev.tributary.curation.video.EpisodeVideos;
import dev.tributary.curation.video.FrameHashes;
import dev.tributary.curation.video.FrameMath;
import dev.tributary.curation.video.FramePlanes;
import dev.tributary.curation.video.VideoSampler;
import dev.tributary.media.SampledFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The pipeline's quality check when videos are readable: the joint checks, then (unless the joints
 * already rejected the episode) every camera's video sampled once and checked, hashed and
 * described. {@link #check} returns the combined report; {@link #analyse} returns it with the
 * samples, frame hashes and scene features, so a caller that needs those too reads each video only
 * once. Blocking (downloads and decodes); thread-safe when the sampler's source is.
 */
public final class EpisodeQualityChecker implements QualityChecker {
  private final QualityChecker joints;
  private final VideoSampler sampler;
  private final CameraQualityChecker cameras;

  public EpisodeQualityChecker(
      QualityChecker joints, VideoSampler sampler, CameraQualityChecker cameras) {
    this.joints = joints;
    this.sampler = sampler;
    this.cameras = cameras;
  }

  @Override
  public QualityReport check(AssembledEpisode episode) {
    return analyse(episode).report();
  }

  /**
   * Joint and camera checks, frame hashes and scene features of one episode.
   *
   * @throws dev.tributary.curation.video.VideoStoreUnavailableException when the video store does
   *     not answer (the episode cannot be judged now; retry it later)
   */
  public EpisodeVideoAnalysis analyse(AssembledEpisode episode) {
    long started = System.nanoTime();
    QualityReport jointReport = joints.check(episode);
    if (!jointReport.rejections().isEmpty() || episode.videos().isEmpty()) {
      return new EpisodeVideoAnalysis(
          jointReport,
          List.of(),
          EpisodeVideos.none(),
          FrameHashes.empty(),
          null,
          System.nanoTime() - started);
    }
    EpisodeVideos videos = sampler.sample(episode);
    Function<SampledFrame, FramePlanes> planes = FramePlanes.oncePerFrame();
    List<String> cameraFlags = cameras.check(episode, videos, f -> planes.apply(f).luma());
    List<SampledFrame> frames = videos.allFrames();
    List<String> flags = new ArrayList<>(jointReport.flags());
    flags.addAll(cameraFlags);
    QualityReport report =
        new QualityReport(
            flags, List.of(), Math.max(0, 1 - JointQualityChecker.FLAG_PENALTY * flags.size()));
    Function<SampledFrame, double[]> dct = FrameMath.thumbnailDctOncePerFrame(planes);
    return new EpisodeVideoAnalysis(
        report,
        cameraFlags,
        videos,
        FrameHashes.of(videos.cameras(), dct),
        frames.isEmpty() ? null : SceneFeatures.of(frames, dct),
        System.nanoTime() - started);
  }
}
