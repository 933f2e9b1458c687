package dev.tributary.curation.diversity;

import dev.tributary.curation.quality.UnitRange;
import dev.tributary.schema.JointSpec;
import java.util.List;

/**
 * Where and how fast the arm moved: per joint, a histogram of positions over the unit's range and a
 * histogram of speeds (log-spaced bins in degrees per second). Two takes that sweep the same part
 * of the joint space at similar speeds get similar vectors, whatever their length or sampling rate.
 */
public final class MotionFeatures {
  /** Joints beyond this many are ignored (SO-101 has 6). */
  public static final int MAX_JOINTS = 8;

  static final int POSITION_BINS = 8;
  static final int SPEED_BINS = 4;

  /** Length of the vector: {@code MAX_JOINTS * (POSITION_BINS + SPEED_BINS)}. */
  public static final int LENGTH = MAX_JOINTS * (POSITION_BINS + SPEED_BINS);

  // Upper edges of the speed bins in degrees per second: still, slow, moving, fast.
  private static final double[] SPEED_EDGES = {2, 15, 60};

  private MotionFeatures() {}

  /** The unnormalised histograms (each joint's histograms sum to 1 when it has samples). */
  /**
   * @param state {@code state[joint][sample]}, in the order and units of {@code joints}
   */
  public static float[] of(List<JointSpec> joints, float[][] state, float rateHz) {
    float[] out = new float[LENGTH];
    int count = Math.min(MAX_JOINTS, joints.size());
    for (int j = 0; j < count; j++) {
      String unit = joints.get(j).getUnit();
      double[] range = UnitRange.of(unit);
      double lo = range == null ? -180 : range[0];
      double hi = range == null ? 180 : range[1];
      double perDegree = UnitRange.perDegree(unit);
      int base = j * (POSITION_BINS + SPEED_BINS);
      int samples = 0;
      int speeds = 0;
      double previous = Double.NaN;
      float[] column = j < state.length ? state[j] : new float[0];
      for (float v : column) {
        int bin = (int) Math.floor((v - lo) / (hi - lo) * POSITION_BINS);
        out[base + Math.max(0, Math.min(POSITION_BINS - 1, bin))]++;
        samples++;
        if (!Double.isNaN(previous) && rateHz > 0) {
          double degPerSecond = Math.abs(v - previous) / perDegree * rateHz;
          out[base + POSITION_BINS + speedBin(degPerSecond)]++;
          speeds++;
        }
        previous = v;
      }
      scale(out, base, POSITION_BINS, samples);
      scale(out, base + POSITION_BINS, SPEED_BINS, speeds);
    }
    return out;
  }

  private static int speedBin(double degPerSecond) {
    for (int b = 0; b < SPEED_EDGES.length; b++) {
      if (degPerSecond < SPEED_EDGES[b]) {
        return b;
      }
    }
    return SPEED_EDGES.length;
  }

  private static void scale(float[] v, int from, int length, int total) {
    if (total == 0) {
      return;
    }
    for (int i = from; i < from + length; i++) {
      v[i] /= total;
    }
  }
}
