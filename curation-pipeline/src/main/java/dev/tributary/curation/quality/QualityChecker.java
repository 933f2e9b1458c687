package dev.tributary.curation.quality;

import dev.tributary.curation.assembly.AssembledEpisode;

/** Computes quality flags of a complete, structurally valid episode. */
public interface QualityChecker {
  QualityReport check(AssembledEpisode episode);

  /** Flags nothing. */
  static QualityChecker none() {
    return e -> QualityReport.clean();
  }
}
