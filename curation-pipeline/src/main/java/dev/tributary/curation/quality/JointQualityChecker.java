package dev.tributary.curation.quality;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Quality flags computed from the joint samples and their capture times, without ML: timing
 * (jitter, dropped samples; synthetic timestamps are flagged instead of measured), joint
 * saturation, idle stretches, implausible jumps, too-short episodes and placeholder task text.
 */
public final class JointQualityChecker implements QualityChecker {
  /** Score lost per flag. */
  static final double FLAG_PENALTY = 0.15;

  private final QualityThresholds t;

  public JointQualityChecker(QualityThresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public QualityReport check(AssembledEpisode episode) {
    Samples s = Samples.of(episode);
    EpisodeManifest m = episode.manifest();
    List<String> flags = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    double period = m.getJointRateHz() > 0 ? 1.0 / m.getJointRateHz() : 0;
    double duration = s.n * period;
    if (s.n < 2 || duration < t.minDurationSeconds()) {
      rejections.add("too_short");
    }
    if (m.getTimestampSource() == TimestampSource.SYNTHETIC) {
      flags.add("synthetic_timestamps");
    } else if (period > 0 && s.n >= 3) {
      checkTiming(s, period, flags, rejections);
    }
    if (s.n >= 2) {
      checkSaturation(s, m.getJoints(), flags);
      checkPinned(s, m.getJoints(), period, flags);
      checkIdle(s, m.getJoints(), period, flags, rejections);
      checkJumps(s, m.getJoints(), flags);
    }
    String task = m.getTask() == null ? "" : m.getTask().trim().toLowerCase(Locale.ROOT);
    if (t.placeholderTasks().contains(task) || task.length() < 3) {
      flags.add("placeholder_task");
    }
    double score = rejections.isEmpty() ? Math.max(0, 1 - FLAG_PENALTY * flags.size()) : 0;
    return new QualityReport(flags, rejections, score);
  }

  private void checkTiming(Samples s, double period, List<String> flags, List<String> rejections) {
    double periodNanos = period * 1e9;
    double sum = 0;
    double sumSq = 0;
    long dropped = 0;
    int regular = 0;
    for (int i = 1; i < s.n; i++) {
      double dt = s.monoNanos[i] - s.monoNanos[i - 1];
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
    double dropRatio = dropped / (double) (s.n + dropped);
    if (dropRatio > t.rejectDropRatio()) {
      rejections.add("dropped_samples");
    } else if (dropRatio > t.maxDropRatio()) {
      flags.add("dropped_samples");
    }
  }

  private void checkSaturation(Samples s, List<JointSpec> joints, List<String> flags) {
    for (int j = 0; j < s.state.length; j++) {
      double[] range = UnitRange.of(joints.get(j).getUnit());
      if (range == null) {
        continue;
      }
      double margin = t.saturationMargin() * (range[1] - range[0]);
      int atLimit = 0;
      for (int i = 0; i < s.n; i++) {
        float v = s.state[j][i];
        if (v <= range[0] + margin || v >= range[1] - margin) {
          atLimit++;
        }
      }
      if (atLimit > t.maxSaturatedRatio() * s.n) {
        flags.add("joint_saturation:" + joints.get(j).getName());
      }
    }
  }

  private void checkIdle(
      Samples s,
      List<JointSpec> joints,
      double period,
      List<String> flags,
      List<String> rejections) {
    double[] delta = new double[s.state.length];
    for (int j = 0; j < delta.length; j++) {
      delta[j] = t.idleDelta() * UnitRange.perDegree(joints.get(j).getUnit());
    }
    int runStart = 0;
    int longest = 0;
    long idleSamples = 0;
    double duration = s.n * period;
    double minIdleSeconds =
        Math.max(
            t.idleFloorSeconds(), Math.min(t.minIdleSeconds(), t.minIdleFraction() * duration));
    int minIdleSamples =
        period > 0 ? (int) Math.ceil(minIdleSeconds / period - 1e-9) : Integer.MAX_VALUE;
    for (int i = 1; i <= s.n; i++) {
      boolean moved = i == s.n;
      for (int j = 0; j < delta.length && !moved; j++) {
        moved = Math.abs(s.state[j][i] - s.state[j][runStart]) > delta[j];
      }
      if (moved) {
        int run = i - runStart;
        longest = Math.max(longest, run);
        if (run >= minIdleSamples) {
          idleSamples += run;
        }
        runStart = i;
      }
    }
    if (idleSamples > t.maxIdleRatio() * s.n) {
      rejections.add("no_motion");
    } else if (longest >= minIdleSamples) {
      flags.add("idle_stretch");
    }
  }

  /**
   * A joint whose reading does not change at all for a while, as other joints move, is pinned
   * (saturated or stuck) rather than held: real servos and the arm's own tremor always move a
   * little.
   */
  private void checkPinned(Samples s, List<JointSpec> joints, double period, List<String> flags) {
    if (period <= 0) {
      return;
    }
    int minRun = (int) Math.ceil(t.minStuckSeconds() / period);
    for (int j = 0; j < s.state.length; j++) {
      String flag = "joint_saturation:" + joints.get(j).getName();
      if (flags.contains(flag)) {
        continue;
      }
      double delta = t.stuckDelta() * UnitRange.perDegree(joints.get(j).getUnit());
      int runStart = 0;
      for (int i = 1; i <= s.n; i++) {
        boolean ends = i == s.n || Math.abs(s.state[j][i] - s.state[j][runStart]) > delta;
        if (!ends) {
          continue;
        }
        if (i - runStart >= minRun && othersMove(s, joints, j, runStart, i)) {
          flags.add(flag);
          break;
        }
        runStart = i;
      }
    }
  }

  private boolean othersMove(Samples s, List<JointSpec> joints, int pinned, int from, int to) {
    for (int k = 0; k < s.state.length; k++) {
      if (k == pinned) {
        continue;
      }
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (int i = from; i < to; i++) {
        min = Math.min(min, s.state[k][i]);
        max = Math.max(max, s.state[k][i]);
      }
      if (max - min > t.idleDelta() * UnitRange.perDegree(joints.get(k).getUnit())) {
        return true;
      }
    }
    return false;
  }

  private void checkJumps(Samples s, List<JointSpec> joints, List<String> flags) {
    for (int j = 0; j < s.state.length; j++) {
      double maxSpeed = t.maxSpeedDegPerSecond() * UnitRange.perDegree(joints.get(j).getUnit());
      for (int i = 1; i < s.n; i++) {
        double dt = (s.monoNanos[i] - s.monoNanos[i - 1]) / 1e9;
        if (dt <= 0) {
          continue;
        }
        if (Math.abs(s.state[j][i] - s.state[j][i - 1]) / dt > maxSpeed) {
          flags.add("implausible_jump:" + joints.get(j).getName());
          break;
        }
      }
    }
  }

  /** The episode's samples as flat arrays. */
  private record Samples(int n, long[] monoNanos, float[][] state) {
    static Samples of(AssembledEpisode e) {
      int n = e.sampleCount();
      int joints = e.manifest().getJoints().size();
      long[] mono = new long[n];
      float[][] state = new float[joints][n];
      int at = 0;
      for (JointChunk c : e.chunks()) {
        int k = c.getCaptureMonoNanos().size();
        for (int i = 0; i < k; i++) {
          mono[at + i] = c.getCaptureMonoNanos().get(i);
          for (int j = 0; j < joints; j++) {
            state[j][at + i] = c.getState().get(j).get(i);
          }
        }
        at += k;
      }
      return new Samples(n, mono, state);
    }
  }
}
