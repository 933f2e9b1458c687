package dev.tributary.curation.quality;

import java.util.List;

/**
 * Quality findings for one episode.
 *
 * @param flags findings that keep the episode but label it (e.g. {@code timestamp_jitter})
 * @param rejections findings severe enough to reject it
 * @param score in [0, 1]: 1 with no finding, lower per finding
 */
public record QualityReport(List<String> flags, List<String> rejections, double score) {
  public QualityReport {
    flags = List.copyOf(flags);
    rejections = List.copyOf(rejections);
  }

  public static QualityReport clean() {
    return new QualityReport(List.of(), List.of(), 1.0);
  }
}
