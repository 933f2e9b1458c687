package dev.tributary.curation.quality;

import java.util.Set;

/**
 * Thresholds of the joint quality checks. Defaults suit SO-100/101-class arms at 30-100 Hz; every
 * value is documented in the module README.
 *
 * @param maxJitterRatio flag {@code timestamp_jitter} when the standard deviation of the sample
 *     intervals exceeds this fraction of the nominal period (default 0.10)
 * @param dropGapFactor an interval longer than this many nominal periods counts as dropped samples
 *     (default 1.5)
 * @param maxDropRatio flag {@code dropped_samples} above this fraction of dropped samples (default
 *     0.01)
 * @param rejectDropRatio reject with {@code dropped_samples} above this fraction (default 0.25)
 * @param saturationMargin a joint is at its limit within this fraction of its unit's range from
 *     either end (default 0.005)
 * @param maxSaturatedRatio flag {@code joint_saturation:<joint>} when a joint is at its limit for
 *     more than this fraction of samples (default 0.02)
 * @param idleDelta a stretch is idle while every joint stays within this many units (deg, or the
 *     unit's equivalent) of where the stretch began (default 0.5)
 * @param minIdleSeconds flag {@code idle_stretch} for an idle stretch at least this long (default 3
 *     s)
 * @param maxIdleRatio reject with {@code no_motion} when idle stretches cover more than this
 *     fraction of the episode (default 0.95)
 * @param maxSpeedDegPerSecond flag {@code implausible_jump:<joint>} when a joint moves faster than
 *     this between consecutive samples (default 1500 deg/s; other units are converted)
 * @param minDurationSeconds reject with {@code too_short} below this duration (default 1 s)
 * @param placeholderTasks task texts (lower-cased, trimmed) flagged {@code placeholder_task}
 */
public record QualityThresholds(
    double maxJitterRatio,
    double dropGapFactor,
    double maxDropRatio,
    double rejectDropRatio,
    double saturationMargin,
    double maxSaturatedRatio,
    double stuckDelta,
    double minStuckSeconds,
    double idleDelta,
    double minIdleSeconds,
    double minIdleFraction,
    double idleFloorSeconds,
    double maxIdleRatio,
    double maxSpeedDegPerSecond,
    double minDurationSeconds,
    Set<String> placeholderTasks) {

  public QualityThresholds {
    placeholderTasks = Set.copyOf(placeholderTasks);
  }

  public static QualityThresholds defaults() {
    return new QualityThresholds(
        0.10,
        1.5,
        0.01,
        0.25,
        0.005,
        0.02,
        0.01,
        1.0,
        0.1,
        3.0,
        0.15,
        1.0,
        0.95,
        1500,
        1.0,
        Set.of(
            "",
            "task",
            "test",
            "todo",
            "tbd",
            "n/a",
            "na",
            "none",
            "null",
            "default",
            "debug",
            "demo",
            "xxx",
            "asdf",
            "placeholder",
            "your task here"));
  }
}
