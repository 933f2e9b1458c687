package dev.tributary.curation.quality;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.TimestampSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Quality flags computed from the joint samples and their capture times, without ML: timing
 * (jitter, dropped samples; not measured for synthetic timestamps, which are periodic by
 * construction: where the timestamps come from is a property of the episode, not a finding), pinned
 * joints, idle stretches, implausible jumps, too-short episodes and placeholder task text. Motion
 * thresholds are in degrees, converted per joint by its unit; a joint without a physical unit gets
 * a scale from its own data (see {@link JointSeries}), never an assumed degree.
 */
public final class JointQualityChecker implements QualityChecker {
  /** Score lost per flag. */
  static final double FLAG_PENALTY = 0.15;

  private final QualityThresholds t;
  private final PinnedJointCheck pinned;

  public JointQualityChecker(QualityThresholds thresholds) {
    this.t = thresholds;
    this.pinned = new PinnedJointCheck(thresholds);
  }

  @Override
  public QualityReport check(AssembledEpisode episode) {
    JointSeries s = JointSeries.of(episode);
    EpisodeManifest m = episode.manifest();
    List<String> flags = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    double period = m.getJointRateHz() > 0 ? 1.0 / m.getJointRateHz() : 0;
    double duration = s.n() * period;
    if (s.n() < 2 || duration < t.minDurationSeconds()) {
      rejections.add("too_short");
    }
    if (m.getTimestampSource() != TimestampSource.SYNTHETIC && period > 0 && s.n() >= 3) {
      checkTiming(s, period, flags, rejections);
    }
    if (s.n() >= 2) {
      for (int j : pinned.pinnedJoints(s, period)) {
        flags.add("joint_saturation:" + s.name(j));
      }
      checkIdle(s, period, flags, rejections);
      checkJumps(s, flags);
    }
    String task = m.getTask() == null ? "" : m.getTask().trim().toLowerCase(Locale.ROOT);
    if (t.placeholderTasks().contains(task) || task.length() < 3) {
      flags.add("placeholder_task");
    }
    double score = rejections.isEmpty() ? Math.max(0, 1 - FLAG_PENALTY * flags.size()) : 0;
    return new QualityReport(flags, rejections, score);
  }

  private void checkTiming(
      JointSeries s, double period, List<String> flags, List<String> rejections) {
    double periodNanos = period * 1e9;
    double sum = 0;
    double sumSq = 0;
    long dropped = 0;
    int regular = 0;
    for (int i = 1; i < s.n(); i++) {
      double dt = s.monoNanos()[i] - s.monoNanos()[i - 1];
      if (dt > t.dropGapFactor() * periodNanos) {
        dropped += Math.max(1, Math.round(dt / periodNanos) - 1);
      } else {
        sum += dt;
        sumSq += dt * dt;
        regular++;
      }
    }
    if (regular >= 2) {
      double mean = sum / regular;
      double std = Math.sqrt(Math.max(0, sumSq / regular - mean * mean));
      if (std > t.maxJitterRatio() * periodNanos) {
        flags.add("timestamp_jitter");
      }
    }
    double dropRatio = dropped / (double) (s.n() + dropped);
    if (dropRatio > t.rejectDropRatio()) {
      rejections.add("dropped_samples");
    } else if (dropRatio > t.maxDropRatio()) {
      flags.add("dropped_samples");
    }
  }

  /**
   * Idle: every joint still for a while, in the middle of the episode. A still lead-in or lead-out
   * is how real recordings start and end (the operator reaches for the leader arm after the
   * recording starts, waits for the episode's fixed duration to run out) and is not flagged; it
   * still counts towards {@code no_motion}. The lead-in lasts until the arm first leaves its
   * starting pose by more than {@code pushDelta}, so a settling twitch in the first samples (the
   * real SO-101 takes of {@code pick_place_tape} have one) does not turn it into a mid-episode
   * stretch; the lead-out likewise.
   */
  private void checkIdle(
      JointSeries s, double period, List<String> flags, List<String> rejections) {
    double[] delta = new double[s.state().length];
    for (int j = 0; j < delta.length; j++) {
      // A joint without scale never moved (see JointSeries): any tolerance keeps it idle.
      double scale = s.unitsPerDegree()[j];
      delta[j] = Double.isNaN(scale) ? 0 : t.idleDelta() * scale;
    }
    // The arm's real motion runs from the first sample that leaves the starting pose to the last
    // one away from the final pose (by more than pushDelta: a settling twitch is not motion).
    int firstMotion = firstDeparture(s, 0, 1);
    int lastMotion = s.n() - 1 - firstDeparture(s, s.n() - 1, -1);
    int runStart = 0;
    int longestInside = 0;
    long idleSamples = 0;
    double duration = s.n() * period;
    double minIdleSeconds =
        Math.max(
            t.idleFloorSeconds(), Math.min(t.minIdleSeconds(), t.minIdleFraction() * duration));
    int minIdleSamples =
        period > 0 ? (int) Math.ceil(minIdleSeconds / period - 1e-9) : Integer.MAX_VALUE;
    for (int i = 1; i <= s.n(); i++) {
      boolean moved = i == s.n();
      for (int j = 0; j < delta.length && !moved; j++) {
        moved = Math.abs(s.state()[j][i] - s.state()[j][runStart]) > delta[j];
      }
      if (moved) {
        int run = i - runStart;
        if (runStart >= firstMotion && i <= lastMotion) {
          longestInside = Math.max(longestInside, run);
        }
        if (run >= minIdleSamples) {
          idleSamples += run;
        }
        runStart = i;
      }
    }
    if (idleSamples > t.maxIdleRatio() * s.n()) {
      rejections.add("no_motion");
    } else if (longestInside >= minIdleSamples) {
      flags.add("idle_stretch");
    }
  }

  /**
   * Samples from {@code origin} (walking in {@code step}) before some joint first leaves the pose
   * at {@code origin} by more than {@code pushDelta}; {@code n} when it never does.
   */
  private int firstDeparture(JointSeries s, int origin, int step) {
    for (int k = 0; k < s.n(); k++) {
      int i = origin + k * step;
      for (int j = 0; j < s.state().length; j++) {
        double scale = s.unitsPerDegree()[j];
        if (!Double.isNaN(scale)
            && Math.abs(s.state()[j][i] - s.state()[j][origin]) > t.pushDelta() * scale) {
          return k;
        }
      }
    }
    return s.n();
  }

  /**
   * A step faster than any servo moves. Only for joints with a physical unit: a speed limit derived
   * from one episode's data would call the one quick move of a joint that barely moves otherwise (a
   * hand that closes once) implausible.
   */
  private void checkJumps(JointSeries s, List<String> flags) {
    for (int j = 0; j < s.state().length; j++) {
      double scale = UnitRange.unitsPerDegree(s.unit(j));
      if (Double.isNaN(scale)) {
        continue;
      }
      double maxSpeed = t.maxSpeedDegPerSecond() * scale;
      for (int i = 1; i < s.n(); i++) {
        double dt = (s.monoNanos()[i] - s.monoNanos()[i - 1]) / 1e9;
        if (dt <= 0) {
          continue;
        }
        if (Math.abs(s.state()[j][i] - s.state()[j][i - 1]) / dt > maxSpeed) {
          flags.add("implausible_jump:" + s.name(j));
          break;
        }
      }
    }
  }
}
