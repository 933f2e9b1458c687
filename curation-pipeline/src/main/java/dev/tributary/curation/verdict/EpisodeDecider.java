package dev.tributary.curation.verdict;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.dedup.ExactKey;
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
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a complete episode into a verdict, in this order: assembly problems reject; an exact copy
 * of an accepted episode is a duplicate; quality rejections reject; a near-duplicate (trimmed,
 * resampled, unit-converted, concatenated...) is a duplicate unless it is longer than everything in
 * its cluster, in which case it is accepted and supersedes the cluster's representative; otherwise
 * accepted, with flags. Accepted episodes and duplicates are scored for diversity. It only reads
 * the memory: what the decision adds comes back in {@link Decided#remember()}, for the caller to
 * record once it keeps the decision. Deterministic for a given memory, so a replay decides the same
 * way.
 */
public final class EpisodeDecider {
  private final Function<AssembledEpisode, Analysis> analyser;

  /** Decides with checks that read no video: no frame hashes or scene features. */
  public EpisodeDecider(QualityChecker quality) {
    this.analyser = e -> new Analysis(quality.check(e), null, FrameHashes.empty(), cameras(e));
  }

  /**
   * Decides with the joint and camera checks; their one pass over the videos also yields the frame
   * hashes (a second opinion on near duplicates) and the scene features (diversity).
   */
  public EpisodeDecider(EpisodeQualityChecker quality) {
    this.analyser =
        e -> {
          EpisodeVideoAnalysis v = quality.analyse(e);
          return new Analysis(v.report(), v.sceneFeatures(), v.frameHashes(), cameras(e));
        };
  }

  /**
   * Decides the episode against what the memory holds; changes nothing.
   *
   * @throws VideoStoreUnavailableException when the video store does not answer: nothing is
   *     decided, so the caller may decide the same episode again later
   */
  public Decided decide(AssembledEpisode e, CurationMemory memory) {
    String exactKey = null;
    if (!hasMalformedChunks(e)) {
      exactKey = ExactKey.of(e.manifest().getRobotType(), e.joints().state(), e.sampleCount());
    }
    return new Deciding(e, memory, exactKey).decide();
  }

  /** One decision in progress: the episode, the memory it is judged against, its exact key. */
  private final class Deciding {
    private final AssembledEpisode e;
    private final CurationMemory memory;
    private final String exactKey;

    Deciding(AssembledEpisode e, CurationMemory memory, String exactKey) {
      this.e = e;
      this.memory = memory;
      this.exactKey = exactKey;
    }

    Decided decide() {
      if (e.rejected()) {
        return unscored(new Decision(VerdictStatus.REJECTED, e.rejections(), null, exactKey, 0.0));
      }
      Optional<String> original = memory.exact().originalOf(exactKey, e.episodeId());
      if (original.isPresent()) {
        Decision d =
            new Decision(
                VerdictStatus.DUPLICATE,
                List.of("exact_duplicate"),
                original.get(),
                exactKey,
                null);
        return scored(d, Evidence.exactCopy(memory.clusterOf(original.get())), null);
      }
      Analysis a = analyser.apply(e);
      List<String> flags = new ArrayList<>(a.report().flags());
      if (!a.report().rejections().isEmpty()) {
        List<String> reasons = new ArrayList<>(a.report().rejections());
        reasons.addAll(flags);
        return unscored(
            new Decision(VerdictStatus.REJECTED, reasons, null, exactKey, a.report().score()));
      }
      TrajectorySketch sketch = sketch(e);
      if (sketch == null) {
        return accepted(a, flags, Evidence.measured(a, null), null);
      }
      FrameReview review = new FrameReview(a.positionalHashes(), memory);
      List<NearDuplicateMatch> matches = memory.near().findAll(sketch, review);
      MemoryEntry.NearDuplicate near =
          new MemoryEntry.NearDuplicate(
              sketch,
              a.report().score(),
              matches.stream().map(NearDuplicateMatch::originalEpisodeId).toList(),
              a.packedHashes(),
              e.siteId());
      Evidence measured = Evidence.measured(a, sketch.toBytes());
      if (matches.isEmpty()) {
        return accepted(a, flags, measured, near);
      }
      NearDuplicateMatch m = matches.get(0);
      String clusterId = memory.clusterOf(m.originalEpisodeId());
      if (review.framesDiffered(m.originalEpisodeId())) {
        // Same motion in another scene (a scripted replay): new data, kept and labelled.
        flags.add("motion_replay_of:" + m.originalEpisodeId());
        return accepted(a, flags, measured.inCluster("REPLAY", clusterId), near);
      }
      if (memory.near().wouldRepresent(e.episodeId(), sketch, a.report().score(), matches)) {
        flags.add("supersedes:" + m.originalEpisodeId());
        return accepted(a, flags, measured.inCluster("SUPERSEDES", clusterId), near);
      }
      Decision d =
          new Decision(
              VerdictStatus.DUPLICATE,
              List.of("near_duplicate:" + m.kind().name().toLowerCase(Locale.ROOT)),
              m.originalEpisodeId(),
              exactKey,
              a.report().score());
      return scored(d, measured.inCluster(m.kind().name(), clusterId), near);
    }

    private Decided accepted(
        Analysis a, List<String> flags, Evidence evidence, MemoryEntry.NearDuplicate near) {
      EpisodeManifest m = e.manifest();
      if (memory.lengths().isOutlier(e.siteId(), m.getTask(), durationSeconds(e))) {
        flags.add("length_outlier");
      }
      double score =
          Math.max(0, a.report().score() - (flags.size() - a.report().flags().size()) * 0.05);
      VerdictStatus status =
          flags.isEmpty() ? VerdictStatus.ACCEPTED : VerdictStatus.ACCEPTED_WITH_FLAGS;
      return scored(new Decision(status, flags, null, exactKey, score), evidence, near);
    }

    /**
     * Scores accepted episodes and duplicates (novelty 0: a copy adds nothing); accepted ones are
     * remembered by the novelty index and the length statistics, so later episodes are compared
     * with them.
     */
    private Decided scored(Decision d, Evidence evidence, MemoryEntry.NearDuplicate near) {
      EpisodeManifest m = e.manifest();
      DiversityScorer diversity = memory.diversity();
      float[] vector = diversity.vector(m, e.joints().state(), evidence.scene());
      DiversityScorer.Diversity scored = diversity.score(m.getRobotType(), m.getTask(), vector);
      boolean duplicate = d.status() == VerdictStatus.DUPLICATE;
      Decision withSignals =
          d.withSignals(
              new Decision.Signals(
                  evidence.duplicateKind(),
                  evidence.clusterId(),
                  duplicate ? 0.0 : scored.novelty(),
                  vector,
                  scored.cell(),
                  evidence.sketch(),
                  evidence.frameHashes()));
      MemoryEntry.Accepted accepted =
          d.keepsFrames()
              ? new MemoryEntry.Accepted(
                  m.getRobotType(), e.siteId(), m.getTask(), vector, durationSeconds(e))
              : null;
      return new Decided(
          withSignals,
          new MemoryEntry(
              e.episodeId(), exactKey, d.keepsFrames(), evidence.clusterId(), near, accepted));
    }

    /** Rejected: remembered by id (and not as the original of its key), not scored. */
    private Decided unscored(Decision d) {
      return new Decided(d, new MemoryEntry(e.episodeId(), exactKey, false, null, null, null));
    }
  }

  /**
   * What a scored decision stores besides its verdict: where it stands among duplicates (kind and
   * cluster, null when unique) and what the video and trajectory passes measured (null when not
   * computed).
   */
  private record Evidence(
      String duplicateKind, String clusterId, float[] scene, byte[] sketch, long[] frameHashes) {
    /** An exact copy: nothing was measured, it is in its original's cluster. */
    static Evidence exactCopy(String clusterId) {
      return new Evidence("EXACT", clusterId, null, null, null);
    }

    /** A measured episode, unique so far. */
    static Evidence measured(Analysis a, byte[] sketch) {
      return new Evidence(null, null, a.scene(), sketch, a.packedHashes());
    }

    Evidence inCluster(String kind, String cluster) {
      return new Evidence(kind, cluster, scene, sketch, frameHashes);
    }
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

  private static List<String> cameras(AssembledEpisode e) {
    return e.manifest().getCameras().stream().map(CameraSpec::getKey).toList();
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
