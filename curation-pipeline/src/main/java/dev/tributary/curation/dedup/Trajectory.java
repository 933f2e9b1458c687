package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * An episode's joint trajectory as plain arrays: per joint a column of values in the manifest's
 * units and order, and each sample's capture time in seconds (any origin; only differences are
 * used). Joint names, video and ids are deliberately absent: near-duplicate detection must not
 * depend on them.
 */
public final class Trajectory {
  private final int samples;
  private final double[][] columns;
  private final double[] timesS;

  /**
   * @param values {@code [sample][joint]}, every row as long as the first
   * @param timesS capture time of each sample in seconds, non-decreasing
   */
  public Trajectory(double[][] values, double[] timesS) {
    this(transpose(values, timesS.length), timesS, values.length);
  }

  private Trajectory(double[][] columns, double[] timesS, int samples) {
    if (samples != timesS.length) {
      throw new IllegalArgumentException(
          "values has " + samples + " samples but times has " + timesS.length);
    }
    for (int i = 1; i < timesS.length; i++) {
      if (timesS[i] < timesS[i - 1]) {
        throw new IllegalArgumentException("capture times go backwards at sample " + i);
      }
    }
    this.samples = samples;
    this.columns = columns;
    this.timesS = timesS;
  }

  /**
   * The state trajectory of an episode's joint columns, timed by the monotonic capture clock (wall
   * clocks may step; the monotonic one only drifts).
   *
   * @param monoNanos per sample, the monotonic capture time
   * @param state {@code state[joint][sample]}, every column as long as {@code monoNanos}
   */
  public static Trajectory ofColumns(long[] monoNanos, float[][] state) {
    int n = monoNanos.length;
    double[] times = new double[n];
    long origin = n == 0 ? 0 : monoNanos[0];
    for (int i = 0; i < n; i++) {
      times[i] = (monoNanos[i] - origin) / 1e9;
    }
    double[][] columns = new double[n == 0 ? 0 : state.length][];
    for (int j = 0; j < columns.length; j++) {
      if (state[j].length != n) {
        throw new IllegalArgumentException(
            "joint " + j + " has " + state[j].length + " samples, expected " + n);
      }
      columns[j] = new double[n];
      for (int i = 0; i < n; i++) {
        columns[j][i] = state[j][i];
      }
    }
    return new Trajectory(columns, times, n);
  }

  private static double[][] transpose(double[][] values, int expected) {
    int joints = values.length == 0 ? 0 : values[0].length;
    double[][] columns = new double[joints][values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != joints) {
        throw new IllegalArgumentException(
            "sample " + i + " has " + values[i].length + " joints, expected " + joints);
      }
      for (int j = 0; j < joints; j++) {
        columns[j][i] = values[i][j];
      }
    }
    return columns;
  }

  public int samples() {
    return samples;
  }

  public int joints() {
    return columns.length;
  }

  public double value(int sample, int joint) {
    return columns[joint][sample];
  }

  public double timeS(int sample) {
    return timesS[sample];
  }

  public double durationS() {
    return samples < 2 ? 0 : timesS[timesS.length - 1] - timesS[0];
  }

  /**
   * The samples captured from {@code fromS} to {@code toS} seconds after the first (both ends
   * included), their times as captured: a stretch of the episode as a take of its own (issue 16,
   * eleventh round).
   */
  public Trajectory stretch(double fromS, double toS) {
    int first = 0;
    double origin = samples == 0 ? 0 : timesS[0];
    while (first < samples && timesS[first] - origin < fromS - 1e-9) {
      first++;
    }
    int end = first;
    while (end < samples && timesS[end] - origin <= toS + 1e-9) {
      end++;
    }
    double[][] part = new double[columns.length][];
    for (int j = 0; j < columns.length; j++) {
      part[j] = Arrays.copyOfRange(columns[j], first, end);
    }
    return new Trajectory(part, Arrays.copyOfRange(timesS, first, end), end - first);
  }

  /** Nominal sample rate: the inverse of the median sample interval (robust to dropped frames). */
  public double rateHz() {
    if (samples < 2) {
      return 0;
    }
    double[] dt = new double[samples - 1];
    for (int i = 1; i < samples; i++) {
      dt[i - 1] = timesS[i] - timesS[i - 1];
    }
    double median = OrderStatistics.kth(dt, dt.length / 2);
    return median <= 0 ? 0 : 1 / median;
  }
}
