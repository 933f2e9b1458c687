package dev.tributary.curation.quality;

import java.util.Set;

/**
 * Thresholds of the joint quality checks. Defaults suit SO-100/101-class arms at 30-100 Hz
 * (degrees, or LeRobot's calibrated ranges at about a degree per unit); every value is documented
 * in the module README.
 *
 * @param maxJitterRatio flag {@code timestamp_jitter} when the standard deviation of the sample
 *     intervals exceeds this fraction of the nominal period (default 0.10)
 * @param dropGapFactor an interval longer than this many nominal periods counts as dropped samples
 *     (default 1.5)
 * @param maxDropRatio flag {@code dropped_samples} above this fraction of dropped samples (default
 *     0.01)
 * @param rejectDropRatio reject with {@code dropped_samples} above this fraction (default 0.25)
 * @param stuckDelta a reading is fixed while it stays within this many degrees (or the unit's
 *     equivalent) of where it stopped (default 0.01)
 * @param minStuckSeconds flag {@code joint_saturation:<joint>} only for a reading fixed at least
 *     this long (default 1 s) while the arm pushes against it (see {@code PinnedJointCheck})
 * @param pushDelta the joint's action pushes when it moves this many degrees (or equivalent)
 *     further from the fixed reading than it was when the reading stopped (default 3) ...
 * @param minPushSeconds ... for at least this long within the fixed stretch (default 0.25 s: a real
 *     follower lags its leader by about 0.1 s)
 * @param actionStillDelta a joint whose action stays within this many degrees (or equivalent)
 *     through the fixed stretch is held, not pinned (default 1)
 * @param maxTrackingGap the action rule applies to a joint whose state follows its action within
 *     this many degrees (or equivalent) at the median (default 10); other joints use coupling
 * @param minCoupling without a usable action, a joint is pinned when it stays fixed while a joint
 *     it moves with keeps moving: it moved in at least this fraction of that joint's moving samples
 *     in the rest of the episode (default 0.97)
 * @param idleDelta a stretch is idle while every joint stays within this many units (deg, or the
 *     unit's equivalent) of where the stretch began (default 0.1)
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
    double stuckDelta,
    double minStuckSeconds,
    double pushDelta,
    double minPushSeconds,
    double actionStillDelta,
    double maxTrackingGap,
    double minCoupling,
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
        0.01,
        1.0,
        3,
        0.25,
        1,
        10,
        0.97,
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
