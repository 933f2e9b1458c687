package dev.tributary.curation.quality;

/** Thresholds of the joint quality checks (documented in the module README). */
public record QualityThresholds() {
  public static QualityThresholds defaults() {
    return new QualityThresholds();
  }
}
