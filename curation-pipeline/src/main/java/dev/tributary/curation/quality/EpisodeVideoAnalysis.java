package dev.tributary.curation.quality;

import dev.tributary.curation.video.EpisodeVideos;
import dev.tributary.curation.video.FrameHashes;
import java.util.List;
import java.util.Optional;

/**
 * Everything the pipeline learns from one episode in one pass over its videos: the combined quality
 * report (joint and camera flags), the samples themselves, their perceptual hashes (to confirm
 * near-duplicates) and the scene feature vector (for novelty).
 *
 * @param report joint flags first, then camera flags; score 1 - 0.15 per flag (0 when rejected)
 * @param cameraFlags the camera part of {@code report.flags()}
 * @param videos the sampled frames and frame times; {@link EpisodeVideos#none()} when videos are
 *     not read (camera checks off, no camera, or the joints already rejected the episode)
 * @param frameHashes pHash of every sampled frame per camera (empty without videos)
 * @param sceneFeatures {@code SceneFeatures} vector, or null when no frame was read
 * @param analysisNanos wall time of the whole analysis (fetch, decode, checks, hashes, features)
 */
public record EpisodeVideoAnalysis(
    QualityReport report,
    List<String> cameraFlags,
    EpisodeVideos videos,
    FrameHashes frameHashes,
    float[] sceneFeatures,
    long analysisNanos) {

  public EpisodeVideoAnalysis {
    cameraFlags = List.copyOf(cameraFlags);
  }

  /** The scene feature vector when at least one frame was read. */
  public Optional<float[]> scene() {
    return Optional.ofNullable(sceneFeatures);
  }
}
