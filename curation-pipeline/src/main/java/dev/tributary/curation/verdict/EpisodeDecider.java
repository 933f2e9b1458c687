package dev.tributary.curation.verdict;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.dedup.ExactDuplicateIndex;
import dev.tributary.curation.dedup.ExactKey;
import dev.tributary.curation.diversity.DiversityScorer;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.quality.QualityReport;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.VerdictStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a complete episode into a verdict: rejected (assembly or quality), exact duplicate, or
 * accepted (with flags). Deterministic for a given index, so a replay decides the same way.
 */
public final class EpisodeDecider {
  private final ExactDuplicateIndex index;
  private final QualityChecker quality;
  private final DiversityScorer diversity;

  public EpisodeDecider(
      ExactDuplicateIndex index, QualityChecker quality, DiversityScorer diversity) {
    this.index = index;
    this.quality = quality;
    this.diversity = diversity;
  }

  /** Decides and records the episode in the index. */
  public Decision decide(AssembledEpisode e) {
    String exactKey = null;
    if (!hasMalformedChunks(e)) {
      exactKey =
          ExactKey.of(e.manifest().getRobotType(), e.manifest().getJoints().size(), e.chunks());
    }
    Decision d = withDiversity(e, decideWithKey(e, exactKey));
    index.record(
        e.episodeId(),
        exactKey,
        d.keepsFrames() ? ExactDuplicateIndex.Status.ORIGINAL : ExactDuplicateIndex.Status.OTHER);
    return d;
  }

  private Decision decideWithKey(AssembledEpisode e, String exactKey) {
    if (e.rejected()) {
      return new Decision(VerdictStatus.REJECTED, e.rejections(), null, exactKey, 0.0);
    }
    Optional<String> original = index.originalOf(exactKey, e.episodeId());
    if (original.isPresent()) {
      return new Decision(
          VerdictStatus.DUPLICATE, List.of("exact_duplicate"), original.get(), exactKey, null);
    }
    QualityReport report = quality.check(e);
    List<String> reasons = new ArrayList<>(report.rejections());
    if (!reasons.isEmpty()) {
      reasons.addAll(report.flags());
      return new Decision(VerdictStatus.REJECTED, reasons, null, exactKey, report.score());
    }
    if (!report.flags().isEmpty()) {
      return new Decision(
          VerdictStatus.ACCEPTED_WITH_FLAGS, report.flags(), null, exactKey, report.score());
    }
    return new Decision(VerdictStatus.ACCEPTED, List.of(), null, exactKey, report.score());
  }

  /**
   * Scores accepted episodes and duplicates (novelty 0: a copy adds nothing); accepted ones join
   * the novelty index so later episodes are compared with them.
   */
  private Decision withDiversity(AssembledEpisode e, Decision d) {
    boolean duplicate = d.status() == VerdictStatus.DUPLICATE;
    if (!d.keepsFrames() && !duplicate) {
      return d;
    }
    EpisodeManifest m = e.manifest();
    float[] vector = diversity.vector(m, e.chunks(), null);
    DiversityScorer.Diversity scored = diversity.score(m.getRobotType(), m.getTask(), vector);
    if (d.keepsFrames()) {
      diversity.accept(m.getRobotType(), m.getTask(), e.episodeId(), vector);
    }
    return d.withSignals(
        new Decision.Signals(
            duplicate ? "EXACT" : null,
            duplicate ? d.duplicateOf() : null,
            duplicate ? 0.0 : scored.novelty(),
            vector,
            scored.cell(),
            null,
            null));
  }

  private static boolean hasMalformedChunks(AssembledEpisode e) {
    return e.rejections().stream().anyMatch(r -> r.startsWith("malformed_chunk"))
        || e.chunks().isEmpty();
  }
}
