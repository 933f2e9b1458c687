package dev.tributary.curation.bench;

import dev.tributary.curation.dedup.Trajectory;
import java.util.SplittableRandom;

/**
 * The edits a re-upload goes through, implemented independently of the detector (cubic
 * interpolation at the new rate's own phase, not the detector's 20 Hz grid; trims in seconds). Each
 * returns the edited trajectory and a log line of the parameters drawn.
 */
public final class Transforms {
  private Transforms() {}

  /** An edited trajectory and how it was edited. */
  public record Edited(Trajectory trajectory, String log, double trimStartS) {}

  /** Joint names are not part of a trajectory: a renamed re-upload has the same values. */
  public static Edited rename(Trajectory t) {
    return new Edited(shiftTimes(t, 86_400), "rename joints, capture clock +1 day", 0);
  }

  /** Re-encoding changes video only; the joints are untouched (a no-op here, on purpose). */
  public static Edited reencode(Trajectory t) {
    return new Edited(t, "re-encode video (joints unchanged)", 0);
  }

  /** Cuts 0-40 % of the duration at each end, independently. */
  public static Edited trim(Trajectory t, SplittableRandom random) {
    return trim(t, 0.4 * random.nextDouble(), 0.4 * random.nextDouble());
  }

  /** Cuts these fractions of the duration at the start and at the end. */
  public static Edited trim(Trajectory t, double head, double tail) {
    double d = t.durationS();
    double from = t.timeS(0) + head * d;
    double to = t.timeS(t.samples() - 1) - tail * d;
    int first = 0;
    while (t.timeS(first) < from) {
      first++;
    }
    int last = t.samples() - 1;
    while (t.timeS(last) > to) {
      last--;
    }
    int n = last - first + 1;
    double[][] values = new double[n][];
    double[] times = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = row(t, first + i);
      times[i] = t.timeS(first + i);
    }
    return new Edited(
        new Trajectory(values, times),
        String.format("trim head %.0f%% tail %.0f%%", head * 100, tail * 100),
        t.timeS(first) - t.timeS(0));
  }

  /** Resamples to another rate by Catmull-Rom interpolation, starting at a random phase. */
  public static Edited resample(Trajectory t, double rateHz, SplittableRandom random) {
    double phase = random.nextDouble() / rateHz;
    double start = t.timeS(0) + phase;
    int n = (int) Math.floor((t.timeS(t.samples() - 1) - start) * rateHz) + 1;
    double[][] values = new double[n][t.joints()];
    double[] times = new double[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      double time = start + i / rateHz;
      while (k < t.samples() - 2 && t.timeS(k + 1) <= time) {
        k++;
      }
      double f = (time - t.timeS(k)) / Math.max(1e-9, t.timeS(k + 1) - t.timeS(k));
      for (int j = 0; j < t.joints(); j++) {
        double p0 = t.value(Math.max(0, k - 1), j);
        double p1 = t.value(k, j);
        double p2 = t.value(k + 1, j);
        double p3 = t.value(Math.min(t.samples() - 1, k + 2), j);
        double v =
            p1
                + 0.5
                    * f
                    * (p2
                        - p0
                        + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
        values[i][j] = (float) v;
      }
      times[i] = time;
    }
    return new Edited(
        new Trajectory(values, times),
        String.format("resample to %.0f Hz (cubic, phase %.1f ms)", rateHz, phase * 1000),
        phase);
  }

  /**
   * Degrees to radians for the body joints (gripper kept 0-100), or LeRobot's range normalisation
   * of every joint to -100..100 with per-joint calibration limits.
   */
  public static Edited unitChange(Trajectory t, SplittableRandom random) {
    boolean radians = random.nextBoolean();
    double[] scale = new double[t.joints()];
    double[] offset = new double[t.joints()];
    for (int j = 0; j < t.joints(); j++) {
      if (radians) {
        scale[j] = j == t.joints() - 1 ? 1 : Math.PI / 180;
      } else {
        double lo = -150 + 40 * random.nextDouble();
        double hi = 110 + 40 * random.nextDouble();
        scale[j] = 200 / (hi - lo);
        offset[j] = -100 - lo * scale[j];
      }
    }
    double[][] values = new double[t.samples()][t.joints()];
    double[] times = new double[t.samples()];
    for (int i = 0; i < t.samples(); i++) {
      times[i] = t.timeS(i);
      for (int j = 0; j < t.joints(); j++) {
        values[i][j] = (float) (t.value(i, j) * scale[j] + offset[j]);
      }
    }
    return new Edited(
        new Trajectory(values, times),
        radians ? "degrees -> radians" : "LeRobot -100..100 range normalisation",
        0);
  }

  /**
   * Every value rounded to IEEE 754 half precision (11 significant bits) and back: a dataset
   * written as float16. Near +-100 that is a step of 0.0625.
   */
  public static Edited float16(Trajectory t) {
    double[][] values = new double[t.samples()][t.joints()];
    double[] times = new double[t.samples()];
    for (int i = 0; i < t.samples(); i++) {
      times[i] = t.timeS(i);
      for (int j = 0; j < t.joints(); j++) {
        values[i][j] = half(t.value(i, j));
      }
    }
    return new Edited(new Trajectory(values, times), "float16 round trip", 0);
  }

  /** Round to the nearest float16 (ties to even by Math.rint; no overflow below 65504). */
  static double half(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return v;
    }
    int exponent = Math.max(-14, Math.getExponent(v));
    double step = Math.scalb(1.0, exponent - 10);
    return Math.rint(v / step) * step;
  }

  /**
   * Degrees to LeRobot's calibrated -100..100 units (gripper 0..100 kept), with per-joint
   * calibration limits drawn around +-100..150 degrees; or, for takes already in those units, back
   * to degrees with such limits.
   */
  public static Edited degreesNormalised(
      Trajectory t, boolean fromNormalised, SplittableRandom random) {
    double[] scale = new double[t.joints()];
    double[] offset = new double[t.joints()];
    for (int j = 0; j < t.joints(); j++) {
      if (j == t.joints() - 1 && t.joints() == 6) {
        scale[j] = 1;
        continue;
      }
      double lo = -150 + 40 * random.nextDouble();
      double hi = 110 + 40 * random.nextDouble();
      double toNormalised = 200 / (hi - lo);
      if (fromNormalised) {
        scale[j] = 1 / toNormalised;
        offset[j] = lo + 100 / toNormalised;
      } else {
        scale[j] = toNormalised;
        offset[j] = -100 - lo * toNormalised;
      }
    }
    double[][] values = new double[t.samples()][t.joints()];
    double[] times = new double[t.samples()];
    for (int i = 0; i < t.samples(); i++) {
      times[i] = t.timeS(i);
      for (int j = 0; j < t.joints(); j++) {
        values[i][j] = (float) (t.value(i, j) * scale[j] + offset[j]);
      }
    }
    return new Edited(
        new Trajectory(values, times),
        fromNormalised ? "LeRobot -100..100 -> degrees" : "degrees -> LeRobot -100..100",
        0);
  }

  /** Degrees to radians for every joint but a 6-joint arm's gripper (0..100 kept). */
  public static Edited radians(Trajectory t) {
    double[][] values = new double[t.samples()][t.joints()];
    double[] times = new double[t.samples()];
    for (int i = 0; i < t.samples(); i++) {
      times[i] = t.timeS(i);
      for (int j = 0; j < t.joints(); j++) {
        boolean gripper = j == t.joints() - 1 && t.joints() == 6;
        values[i][j] = (float) (gripper ? t.value(i, j) : t.value(i, j) * Math.PI / 180);
      }
    }
    return new Edited(new Trajectory(values, times), "degrees -> radians", 0);
  }

  /**
   * Cuts 10-40 % of the duration at each end (independently), but keeps at least {@code minKeptS}
   * seconds: a shorter clip of a 3 s take would be under a second of motion, which nothing can
   * attribute to one take.
   */
  public static Edited trimKeeping(Trajectory t, double minKeptS, SplittableRandom random) {
    double head = 0.1 + 0.3 * random.nextDouble();
    double tail = 0.1 + 0.3 * random.nextDouble();
    double d = t.durationS();
    double cut = (head + tail) * d;
    double allowed = Math.max(0, d - minKeptS);
    if (cut > allowed) {
      head *= allowed / cut;
      tail *= allowed / cut;
    }
    return trim(t, head, tail);
  }

  /** {@code a} then {@code b}, b's clock continuing one sample period after a's last sample. */
  public static Edited concatenate(Trajectory a, Trajectory b) {
    int n = a.samples() + b.samples();
    double[][] values = new double[n][];
    double[] times = new double[n];
    double gap = a.durationS() / Math.max(1, a.samples() - 1);
    double shift = a.timeS(a.samples() - 1) + gap - b.timeS(0);
    for (int i = 0; i < a.samples(); i++) {
      values[i] = row(a, i);
      times[i] = a.timeS(i);
    }
    for (int i = 0; i < b.samples(); i++) {
      values[a.samples() + i] = row(b, i);
      times[a.samples() + i] = b.timeS(i) + shift;
    }
    return new Edited(new Trajectory(values, times), "concatenation of two episodes", 0);
  }

  static Trajectory shiftTimes(Trajectory t, double seconds) {
    double[][] values = new double[t.samples()][];
    double[] times = new double[t.samples()];
    for (int i = 0; i < t.samples(); i++) {
      values[i] = row(t, i);
      times[i] = t.timeS(i) + seconds;
    }
    return new Trajectory(values, times);
  }

  private static double[] row(Trajectory t, int sample) {
    double[] row = new double[t.joints()];
    for (int j = 0; j < t.joints(); j++) {
      row[j] = t.value(sample, j);
    }
    return row;
  }
}
