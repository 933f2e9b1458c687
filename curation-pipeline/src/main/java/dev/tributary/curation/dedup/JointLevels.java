package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * Per joint, how many of its own quantisation steps its raw values span ({@link
 * CoarseTrajectory#levels}; issue 16, third round). An encoder, a fixed-point format (a hand
 * reporting thousandths) or a float16 round trip puts every value on a grid, so all gaps between
 * distinct values are multiples of its step; a continuous (float32) signal leaves gaps far below
 * range / samples. Capped at {@link #MAX_LEVELS}.
 */
final class JointLevels {
  private JointLevels() {}

  /**
   * The quantile of the gaps between a joint's distinct raw values taken as its quantisation step
   * (see {@link CoarseTrajectory#levels}): low, so that a few larger gaps (fast moves skipping
   * steps) do not count, yet not the smallest gap, which one pair of nearby floats would set.
   */
  static final double STEP_QUANTILE = 0.1;

  /** Levels are capped here (one byte). */
  static final int MAX_LEVELS = 255;

  /**
   * Per joint, the quantisation steps its raw values span (see {@link CoarseTrajectory#levels}).
   */
  static double[] of(Trajectory trajectory) {
    int joints = trajectory.joints();
    int n = trajectory.samples();
    double[] out = new double[joints];
    double[] values = new double[n];
    double[] gaps = new double[n];
    for (int j = 0; j < joints; j++) {
      for (int i = 0; i < n; i++) {
        double v = trajectory.value(i, j);
        values[i] = Double.isFinite(v) ? v : 0;
      }
      Arrays.sort(values, 0, n);
      int g = 0;
      for (int i = 1; i < n; i++) {
        if (values[i] > values[i - 1]) {
          gaps[g++] = values[i] - values[i - 1];
        }
      }
      if (g == 0) {
        out[j] = 0;
        continue;
      }
      double range = values[n - 1] - values[0];
      int k = (int) Math.floor(STEP_QUANTILE * (g - 1));
      // Most joints are continuous: the quantile gap is within the cap's step, no second sort.
      int fine = 0;
      for (int i = 0; i < g; i++) {
        if (gaps[i] * MAX_LEVELS <= range) {
          fine++;
        }
      }
      if (fine > k) {
        out[j] = MAX_LEVELS;
        continue;
      }
      Arrays.sort(gaps, 0, g);
      out[j] = Math.min(MAX_LEVELS, range / gaps[k]);
    }
    return out;
  }
}
