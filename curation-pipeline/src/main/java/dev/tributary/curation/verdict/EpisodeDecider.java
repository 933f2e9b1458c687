package dev.tributary.curation.verdict;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.dedup.ExactDuplicateIndex;
import dev.tributary.curation.dedup.ExactKey;
import dev.tributary.curation.dedup.NearDuplicateIndex;
import dev.tributary.curation.dedup.NearDuplicateMatch;
import dev.tributary.curation.dedup.Trajectory;
import dev.tributary.curation.dedup.TrajectorySketch;
import dev.tributary.curation.diversity.DiversityScorer;
import dev.tributary.curation.quality.EpisodeQualityChecker;
import dev.tributary.curation.quality.EpisodeVideoAnalysis;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.quality.QualityReport;
import dev.tributary.curation.video.FrameHashes;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.VerdictStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a complete episode into a verdict, in this order: assembly problems reject; an exact copy
 * of an accepted episode is a duplicate; quality rejections reject; a near-duplicate (trimmed,
 * resampled, unit-converted, concatenated...) is a duplicate unless it is longer than everything in
 * its cluster, in which case it is accepted and supersedes the cluster's representative; otherwise
 * accepted, with flags. Accepted episodes and duplicates are scored for diversity. Deterministic
 * for a given memory, so a replay decides the same way.
 */
public final class EpisodeDecider {
  private final CurationMemory memory;
  private final QualityChecker quality;

  public EpisodeDecider(CurationMemory memory, QualityChecker quality) {
    this.memory = memory;
    this.quality = quality;
  }

  /**
   * Decides and records the episode in the memory.
   *
   * @throws VideoStoreUnavailableException when the video store does not answer: nothing is decided
   *     and the memory is unchanged (the videos are read before anything is recorded), so the
   *     caller may decide the same episode again later
   */
  public Decision decide(AssembledEpisode e) {
    String exactKey = null;
    if (!hasMalformedChunks(e)) {
      exactKey = ExactKey.of(e.manifest().getRobotType(), e.joints().state(), e.sampleCount());
    }
    Decision d = decideWithKey(e, exactKey);
    memory.exact.record(
        e.episodeId(),
        exactKey,
        d.keepsFrames() ? ExactDuplicateIndex.Status.ORIGINAL : ExactDuplicateIndex.Status.OTHER);
    return d;
  }

  private Decision decideWithKey(AssembledEpisode e, String exactKey) {
    if (e.rejected()) {
      return new Decision(VerdictStatus.REJECTED, e.rejections(), null, exactKey, 0.0);
    }
    Optional<String> original = memory.exact.originalOf(exactKey, e.episodeId());
    if (original.isPresent()) {
      Decision d =
          new Decision(
              VerdictStatus.DUPLICATE, List.of("exact_duplicate"), original.get(), exactKey, null);
      return withDiversity(e, d, null, "EXACT", join(e, original.get()), null, null);
    }
    Analysis a = analyse(e);
    List<String> flags = new ArrayList<>(a.report().flags());
    if (!a.report().rejections().isEmpty()) {
      List<String> reasons = new ArrayList<>(a.report().rejections());
      reasons.addAll(flags);
      return new Decision(VerdictStatus.REJECTED, reasons, null, exactKey, a.report().score());
    }
    TrajectorySketch sketch = sketch(e);
    byte[] sketchBytes = sketch == null ? null : sketch.toBytes();
    long[] packedHashes = a.packedHashes();
    if (sketch != null) {
      FrameReview review = new FrameReview(a.positionalHashes(), memory);
      NearDuplicateIndex.Admission admission =
          memory.near.admit(e.episodeId(), sketch, a.report().score(), review);
      memory.frameHashes(e.episodeId(), packedHashes);
      Optional<NearDuplicateMatch> best = admission.best();
      if (best.isPresent()) {
        NearDuplicateMatch m = best.get();
        String clusterId = join(e, m.originalEpisodeId());
        if (review.framesDiffered(m.originalEpisodeId())) {
          // Same motion in another scene (a scripted replay): new data, kept and labelled.
          flags.add("motion_replay_of:" + m.originalEpisodeId());
        } else if (admission.cluster().becameRepresentative()) {
          flags.add("supersedes:" + m.originalEpisodeId());
          return accepted(e, exactKey, a, flags, "SUPERSEDES", clusterId, sketchBytes);
        } else {
          Decision d =
              new Decision(
                  VerdictStatus.DUPLICATE,
                  List.of("near_duplicate:" + m.kind().name().toLowerCase(java.util.Locale.ROOT)),
                  m.originalEpisodeId(),
                  exactKey,
                  a.report().score());
          return withDiversity(
              e, d, a.scene(), m.kind().name(), clusterId, sketchBytes, packedHashes);
        }
        return accepted(e, exactKey, a, flags, "REPLAY", clusterId, sketchBytes);
      }
    }
    return accepted(e, exactKey, a, flags, null, null, sketchBytes);
  }

  private Decision accepted(
      AssembledEpisode e,
      String exactKey,
      Analysis a,
      List<String> flags,
      String duplicateKind,
      String clusterId,
      byte[] sketch) {
    EpisodeManifest m = e.manifest();
    double duration = durationSeconds(e);
    if (memory.lengths.isOutlier(e.siteId(), m.getTask(), duration)) {
      flags.add("length_outlier");
    }
    memory.lengths.record(e.siteId(), m.getTask(), duration);
    double score =
        Math.max(0, a.report().score() - (flags.size() - a.report().flags().size()) * 0.05);
    VerdictStatus status =
        flags.isEmpty() ? VerdictStatus.ACCEPTED : VerdictStatus.ACCEPTED_WITH_FLAGS;
    Decision d = new Decision(status, flags, null, exactKey, score);
    return withDiversity(e, d, a.scene(), duplicateKind, clusterId, sketch, a.packedHashes());
  }

  /**
   * Scores accepted episodes and duplicates (novelty 0: a copy adds nothing); accepted ones join
   * the novelty index so later episodes are compared with them.
   */
  private Decision withDiversity(
      AssembledEpisode e,
      Decision d,
      float[] scene,
      String duplicateKind,
      String clusterId,
      byte[] sketch,
      long[] frameHashes) {
    EpisodeManifest m = e.manifest();
    DiversityScorer diversity = memory.diversity;
    float[] vector = diversity.vector(m, e.joints().state(), scene);
    DiversityScorer.Diversity scored = diversity.score(m.getRobotType(), m.getTask(), vector);
    if (d.keepsFrames()) {
      diversity.accept(m.getRobotType(), m.getTask(), e.episodeId(), vector);
    }
    boolean duplicate = d.status() == VerdictStatus.DUPLICATE;
    return d.withSignals(
        new Decision.Signals(
            duplicateKind,
            clusterId,
            duplicate ? 0.0 : scored.novelty(),
            vector,
            scored.cell(),
            sketch,
            frameHashes));
  }

  /** Puts the episode in the duplicate cluster of the one it repeats; returns the cluster id. */
  private String join(AssembledEpisode e, String originalId) {
    String cluster = memory.clusterOf(originalId);
    memory.joinCluster(e.episodeId(), cluster);
    return cluster;
  }

  private Analysis analyse(AssembledEpisode e) {
    List<String> cameras = e.manifest().getCameras().stream().map(CameraSpec::getKey).toList();
    if (quality instanceof EpisodeQualityChecker withVideo) {
      EpisodeVideoAnalysis v = withVideo.analyse(e);
      return new Analysis(v.report(), v.sceneFeatures(), v.frameHashes(), cameras);
    }
    return new Analysis(quality.check(e), null, FrameHashes.empty(), cameras);
  }

  /** The near-duplicate sketch, or null when the trajectory cannot be sketched (too short...). */
  private static TrajectorySketch sketch(AssembledEpisode e) {
    try {
      // Named joints: near duplicates are only looked for among episodes of the same layout.
      return TrajectorySketch.of(
          Trajectory.ofColumns(e.joints().monoNanos(), e.joints().state()),
          e.manifest().getJoints().stream().map(j -> String.valueOf(j.getName())).toList());
    } catch (RuntimeException malformed) {
      return null; // validated chunks make this rare; the episode is then only exact-deduplicated
    }
  }

  private static double durationSeconds(AssembledEpisode e) {
    float rate = e.manifest().getJointRateHz();
    return rate > 0 ? e.sampleCount() / (double) rate : 0;
  }

  private static boolean hasMalformedChunks(AssembledEpisode e) {
    return e.rejections().stream().anyMatch(r -> r.startsWith("malformed_chunk"))
        || !e.joints().wellFormed()
        || e.joints().chunkCount() == 0;
  }

  /** The quality report and what the video pass produced. */
  private record Analysis(
      QualityReport report, float[] scene, FrameHashes hashes, List<String> cameras) {
    long[] packedHashes() {
      return hashes.isEmpty() ? null : StoredFrameHashes.encode(hashes, cameras);
    }

    FrameHashes positionalHashes() {
      return hashes.isEmpty()
          ? FrameHashes.empty()
          : StoredFrameHashes.decode(StoredFrameHashes.encode(hashes, cameras));
    }
  }
}
