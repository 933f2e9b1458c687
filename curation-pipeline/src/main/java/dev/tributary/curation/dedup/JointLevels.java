package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * Per joint, how many of its own quantisation steps its raw values span ({@link
 * CoarseTrajectory#levels}; issue 16, third round). An encoder, a fixed-point format (a hand
 * reporting thousandths) or a float16 round trip puts every value on a grid, so all gaps between
 * distinct values are multiples of its step; a continuous (float32) signal leaves gaps far below
 * range / samples. Capped at {@link #MAX_LEVELS}.
 *
 * <p>Also the two tests on a joint's raw values that keep it out of comparison (issue 16, eighth
 * round): {@link #heldStill} (its range is below float16's resolution) and {@link #folds} (it
 * crosses its whole range and back in one sample). About 300 lines because all of it reads the same
 * raw values to judge what of a joint's motion a copy can keep; each part is a short static method.
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
   * A joint whose typical one-sample back-and-forth (the median, over its reversals, of the smaller
   * of the two steps) is more than this fraction of its range flickers rather than moves (issue 16,
   * fifth round): its levels are its range over that flicker ({@link #flickerLevels}). A Piper
   * wrist that holds still within 0.5 degrees reads a few values and jumps 0.1-0.2 degrees away and
   * back for one sample at a time: its value grid is 0.001 degrees (levels 157-575), but its
   * smoothed shape is those one-sample spikes, which a trim or a resample re-draws (correlation
   * 0.994-0.9998 with its own copies, the weakest joint of most missed real copies). An encoder's
   * flip is one step, so this equals the grid's levels there; a joint with sensor noise or tremor
   * flickers by a small part of its range (the cut is far below {@link
   * AlignedCorrelation#MIN_LEVELS} so that noise alone, which the smoothing removes, does not
   * count).
   */
  static final int FLICKER_LEVELS = 16;

  /**
   * A joint whose raw values span less than this many float16 steps at its largest magnitude holds
   * still (issue 16, eighth round; {@link #heldStill}).
   */
  static final double STILL_FLOAT16_STEPS = 1;

  /**
   * Whether a joint's raw values span less than {@link #STILL_FLOAT16_STEPS} float16 steps at their
   * largest magnitude: a float16 round trip (a copy the detector must find) maps such a joint onto
   * one or two values, so what shape it has is below the precision copies keep, and it is not
   * compared as moving ({@link TrajectorySketcher} gives it a motion ratio of 0). Round 10's Kinova
   * Gen3 holds two of its seven joints at -pi and pi/2 within 2e-6-4e-4 rad (float32 steps of
   * 2.4e-7 apart, so the levels read 2-255): a staircase whose noise estimate (median second
   * difference) and median speed are 0, so its motion ratio was 255, and a resampled copy re-draws
   * the staircase (0.86-0.99984 against the original: the weakest joint of 11 missed copies). The
   * rule is relative to the magnitude, so it holds in any scale (radians, degrees); a joint that
   * holds near zero, where float16 steps are fine, is left to the levels and the noise estimate.
   */
  static boolean heldStill(Trajectory trajectory, int joint) {
    double[] range = finiteRange(trajectory, joint);
    double lo = range[0];
    double hi = range[1];
    if (!(hi >= lo)) {
      return false;
    }
    double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
    // float16 keeps 10 fraction bits, float32 23: its step is 2^13 float32 steps (normal range).
    double float16Step = Math.ulp((float) magnitude) * 8192.0;
    return hi - lo < STILL_FLOAT16_STEPS * float16Step;
  }

  /**
   * A one-sample change of at least this share of a joint's whole range is a fold or a glitch, not
   * motion ({@link #folds}).
   */
  static final double FOLD_SHARE = 0.9;

  /**
   * Whether a joint changes by at least {@link #FOLD_SHARE} of its whole range between two samples
   * both ways (across and back), and takes some value strictly inside that range (issue 16, eighth
   * round). No joint travels nearly all of its range in one sample interval; what does, and comes
   * back the same way, is a continuous joint folded into one turn and parked at the fold (round
   * 10's Kinova Gen3 holds its third joint at -pi within 1e-4 rad and flips to +pi and back 2-9
   * times in 7 of 211 takes) or a glitch. Smoothed, each flip is a full-range step, and a copy
   * draws it differently: a cubic resampler smears or overshoots it, a trim moves its phase, so the
   * joint correlated 0.83-0.9997 (-0.60 once) with its own copies and was the weakest joint of 15
   * missed ones. It is not compared as moving ({@link TrajectorySketcher} gives it a motion ratio
   * of 0; its landmarks stay: the flips are sharp, well timed events that copies keep). Unwrapping
   * it instead (shifting the values after a flip back by the jump) was tried and dropped: a joint
   * folded by a calibration that also shifts values, or whose flip a resampler smeared over two
   * samples with a 7 % overshoot, is not unwrapped the same way, and untouched copies that had
   * matched on the shared flips were lost (BENCHMARKS.md, issue 16, eighth round). One jump alone
   * is not a fold: two takes concatenated jump once where they meet (STIR concatenations lost 3 of
   * 96 true pairs when that counted). A signal with only its two end values (a gripper reporting
   * open and closed) is not a fold either: it changes in one sample by design.
   */
  static boolean folds(Trajectory trajectory, int joint) {
    int n = trajectory.samples();
    double[] range = finiteRange(trajectory, joint);
    double lo = range[0];
    double hi = range[1];
    if (!(hi > lo)) {
      return false;
    }
    double jump = FOLD_SHARE * (hi - lo);
    boolean up = false;
    boolean down = false;
    boolean inside = false;
    double previous = Double.NaN;
    for (int i = 0; i < n; i++) {
      double v = trajectory.value(i, joint);
      if (!Double.isFinite(v)) {
        continue;
      }
      up |= v - previous >= jump;
      down |= previous - v >= jump;
      inside |= v > lo && v < hi;
      previous = v;
    }
    return up && down && inside;
  }

  /** The lowest and highest finite raw value of a joint ({+inf, -inf} when there is none). */
  private static double[] finiteRange(Trajectory trajectory, int joint) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < trajectory.samples(); i++) {
      double v = trajectory.value(i, joint);
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return new double[] {lo, hi};
  }

  /**
   * Per joint, the quantisation steps its raw values span (see {@link CoarseTrajectory#levels}).
   */
  static double[] of(Trajectory trajectory) {
    int joints = trajectory.joints();
    int n = trajectory.samples();
    double[] out = new double[joints];
    double[] values = new double[n];
    double[] gaps = new double[n];
    double[] buffer = new double[n];
    int[] counts = new int[BUCKETS + 1];
    for (int j = 0; j < joints; j++) {
      for (int i = 0; i < n; i++) {
        double v = trajectory.value(i, j);
        values[i] = Double.isFinite(v) ? v : 0;
      }
      double flicker = flickerLevels(values, n, gaps);
      sortByBuckets(values, n, buffer, counts);
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
        out[j] = Math.min(MAX_LEVELS, flicker);
        continue;
      }
      Arrays.sort(gaps, 0, g);
      out[j] = Math.min(Math.min(MAX_LEVELS, range / gaps[k]), flicker);
    }
    return out;
  }

  /**
   * A joint's range over its typical one-sample back-and-forth (see {@link #FLICKER_LEVELS}), or
   * {@link #MAX_LEVELS} when that is at least {@link #FLICKER_LEVELS} or it never reverses.
   *
   * @param values the joint's raw values in time order (not changed)
   * @param scratch at least {@code n} doubles
   */
  static double flickerLevels(double[] values, int n, double[] scratch) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    if (!(hi > lo) || n < 3) {
      return MAX_LEVELS;
    }
    // The median reversal (the one at index r / 2 sorted) is above range / FLICKER_LEVELS only if
    // r - r / 2 of them are: count first (one pass, no storage), and find the median only for a
    // joint that flickers.
    double cut = (hi - lo) / FLICKER_LEVELS;
    int reversals = 0;
    int large = 0;
    // Without branches: a noisy joint reverses at about every other sample, unpredictably.
    double step = values[1] - values[0];
    for (int i = 2; i < n; i++) {
      double next = values[i] - values[i - 1];
      boolean reverses = step * next < 0;
      boolean isLarge = Math.min(Math.abs(step), Math.abs(next)) > cut;
      reversals += reverses ? 1 : 0;
      large += reverses & isLarge ? 1 : 0;
      step = next;
    }
    if (reversals == 0 || large < reversals - reversals / 2) {
      return MAX_LEVELS;
    }
    int r = 0;
    for (int i = 2; i < n; i++) {
      double before = values[i - 1] - values[i - 2];
      double after = values[i] - values[i - 1];
      if (before * after < 0) {
        scratch[r++] = Math.min(Math.abs(before), Math.abs(after));
      }
    }
    // The rest of the scratch sorts after every reversal: the median of the first r.
    Arrays.fill(scratch, r, scratch.length, Double.POSITIVE_INFINITY);
    double levels = (hi - lo) / OrderStatistics.kth(scratch, r / 2);
    return levels < FLICKER_LEVELS ? levels : MAX_LEVELS;
  }

  /** Buckets of {@link #sortByBuckets}: about one value per bucket for a typical episode. */
  static final int BUCKETS = 512;

  /** A bucket this large is sorted by {@link Arrays#sort}; smaller ones by insertion. */
  private static final int INSERTION_MAX = 24;

  /**
   * Sorts {@code values[0, n)} (finite) ascending, as {@link Arrays#sort(double[], int, int)} does,
   * in about linear time: a counting sort into {@link #BUCKETS} buckets of equal width between the
   * minimum and the maximum (the bucket of a value never decreases as the value grows, so the
   * buckets come out in order), then each bucket sorted on its own. The levels of every joint of
   * every admitted episode need one sort, and a comparison sort of each joint's raw values was the
   * larger part of a sketch (BENCHMARKS, issue 16, third round).
   */
  static void sortByBuckets(double[] values, int n, double[] buffer, int[] counts) {
    if (n < 2) {
      return;
    }
    double lo = values[0];
    double hi = values[0];
    for (int i = 1; i < n; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    if (!(hi > lo)) {
      Arrays.sort(values, 0, n); // all equal, or -0.0 and 0.0: the order Arrays.sort gives
      return;
    }
    double scale = BUCKETS / (hi - lo);
    if (!Double.isFinite(scale)) {
      Arrays.sort(values, 0, n);
      return;
    }
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      counts[bucket(values[i], lo, scale) + 1]++;
    }
    for (int b = 0; b < BUCKETS; b++) {
      counts[b + 1] += counts[b];
    }
    for (int i = 0; i < n; i++) {
      buffer[counts[bucket(values[i], lo, scale)]++] = values[i];
    }
    // counts[b] is now the end of bucket b (and the start of bucket b + 1).
    int from = 0;
    for (int b = 0; b < BUCKETS; b++) {
      int to = counts[b];
      if (to - from > INSERTION_MAX) {
        Arrays.sort(buffer, from, to);
      } else {
        for (int i = from + 1; i < to; i++) {
          double v = buffer[i];
          int k = i - 1;
          while (k >= from && Double.compare(buffer[k], v) > 0) {
            buffer[k + 1] = buffer[k];
            k--;
          }
          buffer[k + 1] = v;
        }
      }
      from = to;
    }
    System.arraycopy(buffer, 0, values, 0, n);
  }

  private static int bucket(double v, double lo, double scale) {
    return Math.min(BUCKETS - 1, (int) ((v - lo) * scale));
  }
}
