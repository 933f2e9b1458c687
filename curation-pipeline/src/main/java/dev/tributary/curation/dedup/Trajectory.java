package dev.tributary.curation.dedup;

import dev.tributary.schema.JointChunk;
import java.util.List;

/**
 * An episode's joint trajectory as plain arrays: {@code values[sample][joint]} in the manifest's
 * units and order, and each sample's capture time in seconds (any origin; only differences are
 * used). Joint names, video and ids are deliberately absent: near-duplicate detection must not
 * depend on them.
 */
public final class Trajectory {
  private final double[][] values;
  private final double[] timesS;

  /**
   * @param values {@code [sample][joint]}, every row as long as the first
   * @param timesS capture time of each sample in seconds, non-decreasing
   */
  public Trajectory(double[][] values, double[] timesS) {
    if (values.length != timesS.length) {
      throw new IllegalArgumentException(
          "values has " + values.length + " samples but times has " + timesS.length);
    }
    int joints = values.length == 0 ? 0 : values[0].length;
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != joints) {
        throw new IllegalArgumentException(
            "sample " + i + " has " + values[i].length + " joints, expected " + joints);
      }
      if (i > 0 && timesS[i] < timesS[i - 1]) {
        throw new IllegalArgumentException("capture times go backwards at sample " + i);
      }
    }
    this.values = values;
    this.timesS = timesS;
  }

  /**
   * The state trajectory of assembled chunks, timed by the monotonic capture clock (wall clocks may
   * step; the monotonic one only drifts).
   *
   * @param chunksInOrder chunks in sequence order, as {@link ExactKey#of} reads them
   */
  public static Trajectory fromChunks(int jointCount, List<JointChunk> chunksInOrder) {
    int total = 0;
    for (JointChunk chunk : chunksInOrder) {
      total += chunk.getCaptureMonoNanos().size();
    }
    double[][] values = new double[total][jointCount];
    double[] times = new double[total];
    long origin = total == 0 ? 0 : chunksInOrder.get(0).getCaptureMonoNanos().get(0);
    int row = 0;
    for (JointChunk chunk : chunksInOrder) {
      List<Long> mono = chunk.getCaptureMonoNanos();
      List<List<Float>> state = chunk.getState();
      for (int i = 0; i < mono.size(); i++, row++) {
        times[row] = (mono.get(i) - origin) / 1e9;
        for (int j = 0; j < jointCount; j++) {
          values[row][j] = state.get(j).get(i);
        }
      }
    }
    return new Trajectory(values, times);
  }

  public int samples() {
    return values.length;
  }

  public int joints() {
    return values.length == 0 ? 0 : values[0].length;
  }

  public double value(int sample, int joint) {
    return values[sample][joint];
  }

  public double timeS(int sample) {
    return timesS[sample];
  }

  public double durationS() {
    return values.length < 2 ? 0 : timesS[timesS.length - 1] - timesS[0];
  }

  /** Nominal sample rate: the inverse of the median sample interval (robust to dropped frames). */
  public double rateHz() {
    if (values.length < 2) {
      return 0;
    }
    double[] dt = new double[values.length - 1];
    for (int i = 1; i < values.length; i++) {
      dt[i - 1] = timesS[i] - timesS[i - 1];
    }
    java.util.Arrays.sort(dt);
    double median = dt[dt.length / 2];
    return median <= 0 ? 0 : 1 / median;
  }
}
