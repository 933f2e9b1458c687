package dev.tributary.curation.dedup;

import java.util.List;

/**
 * The second kind of landmark (issue 16): <em>corners</em>, the extrema of a joint's acceleration,
 * found only on joints that travel at nearly constant speed. On such a joint the velocity has
 * plateaus, not bells: its peak lands wherever noise, a float16 round trip or a resample puts it,
 * while the corners between the plateaus (a blended via point, a stroke's turnaround, the start of
 * a ramp) are short, sharp bells of acceleration whose half-maximum centre stays put.
 *
 * <p>Which joints: fastest over median speed below {@link #MAX_SPEED_RATIO} (the velocity-peak
 * detector's "moves and holds" test fails) and a range of at least {@link #MIN_RANGE_SNR} x 5 noise
 * deviations (the joint really travels). A trimmed copy drops holds, which lowers the ratio, so a
 * clip of a flat-speed joint is flat-speed too. Joints with bell-shaped moves keep velocity peaks
 * alone: their corners would multiply the triplets (and the cost) for no gain.
 *
 * <p>Which extrema: the fastest |acceleration| within {@link TrajectorySketcher#PEAK_WINDOW_S}, at
 * least {@link #MIN_RELATIVE} of the fastest within {@link TrajectorySketcher#GATE_WINDOW_S} and
 * {@link #MIN_SHARE_OF_FASTEST} of the joint's fastest, at least {@link #NOISE_SIGMAS} times the
 * acceleration that the joint's sensor noise leaves after smoothing, and sharp: half-maximum width
 * at most {@link #MAX_WIDTH_S} (a slow sway's broad acceleration extremum is a plateau again).
 */
final class CornerLandmarks {
  static final double MAX_SPEED_RATIO = 6;
  static final double MIN_RANGE_SNR = 6;
  static final double MIN_RELATIVE = 0.15;
  static final double MIN_SHARE_OF_FASTEST = 0.08;
  static final double NOISE_SIGMAS = 8;
  static final double MAX_WIDTH_S = 0.8;

  /**
   * Standard deviation of the acceleration that unit white noise on the 20 Hz grid leaves after the
   * sketch's smoothing and two central differences (units per second², per unit of noise).
   */
  private static final double NOISE_GAIN = noiseGain();

  private CornerLandmarks() {}

  /**
   * Adds the corners of joint {@code joint} to {@code out}.
   *
   * @param v the joint's velocity on the grid (smoothed)
   * @param speedRatio fastest over median speed
   * @param rangeSnr smoothed range over 5 noise deviations
   * @param noiseSigma the raw grid's noise deviation
   */
  static void find(
      int joint,
      double[] v,
      double speedRatio,
      double rangeSnr,
      double noiseSigma,
      List<TrajectorySketcher.Landmark> out) {
    if (!(speedRatio < MAX_SPEED_RATIO) || !(rangeSnr >= MIN_RANGE_SNR)) {
      return;
    }
    extrema(joint, v, noiseSigma, TrajectorySketcher.EDGE_S, 0, out);
  }

  /**
   * Adds the corners that only {@link ShortTakeLandmarks} uses (issue 16, tenth round), flagged
   * {@link TrajectorySketch#SHORT_TAKE_CORNER}: in a take of at most {@link
   * ShortTakeLandmarks#MAX_S} and {@link ShortTakeLandmarks#MAX_JOINTS} joints, of every joint that
   * travels, bell-shaped or not, up to {@link ShortTakeLandmarks#EDGE_S} from either end. A single
   * 1-2 s movement is one bell of speed on every joint, so its velocity peaks make one moment,
   * while the start and the end of the move (the extrema of its acceleration) are two more.
   */
  static void findInShortTake(
      int joint,
      double[] v,
      int joints,
      double durationS,
      double rangeSnr,
      double noiseSigma,
      List<TrajectorySketcher.Landmark> out) {
    if (!(durationS <= ShortTakeLandmarks.MAX_S
            || FewJointStretchLandmarks.keepsCorners(joints, durationS))
        || joints > ShortTakeLandmarks.MAX_JOINTS
        || !(rangeSnr >= MIN_RANGE_SNR)) {
      return;
    }
    extrema(
        joint, v, noiseSigma, ShortTakeLandmarks.EDGE_S, TrajectorySketch.SHORT_TAKE_CORNER, out);
  }

  private static void extrema(
      int joint,
      double[] v,
      double noiseSigma,
      double edgeS,
      int flag,
      List<TrajectorySketcher.Landmark> out) {
    int n = v.length;
    double[] a = new double[n];
    for (int i = 2; i < n - 2; i++) {
      a[i] = (v[i + 1] - v[i - 1]) * TrajectorySketcher.GRID_HZ / 2;
    }
    double fastest = 0;
    for (double x : a) {
      fastest = Math.max(fastest, Math.abs(x));
    }
    if (!(fastest > 0)) {
      return;
    }
    double floor = Math.max(MIN_SHARE_OF_FASTEST * fastest, NOISE_SIGMAS * noiseSigma * NOISE_GAIN);
    int window = (int) Math.round(TrajectorySketcher.PEAK_WINDOW_S * TrajectorySketcher.GRID_HZ);
    int edge = (int) Math.ceil(edgeS * TrajectorySketcher.GRID_HZ);
    double[] local =
        TrajectorySketcher.slidingMaxSpeed(
            a, (int) Math.round(TrajectorySketcher.GATE_WINDOW_S * TrajectorySketcher.GRID_HZ));
    for (int k = Math.max(2, edge); k < n - 2 - edge; k++) {
      double size = Math.abs(a[k]);
      if (size == 0
          || size < floor
          || size < MIN_RELATIVE * local[k]
          || !TrajectorySketcher.isPeak(a, k, window)) {
        continue;
      }
      double sign = Math.signum(a[k]);
      double[] centre = TrajectorySketcher.halfMaximum(a, k, sign, size);
      if (centre == null || centre[1] > MAX_WIDTH_S) {
        continue; // reaches an end, or a broad extremum: a plateau, not a corner
      }
      int amplitude = (int) Math.round(-Math.log(Math.min(1, size / fastest)) * 16);
      out.add(
          new TrajectorySketcher.Landmark(
              centre[0],
              (joint * 2 + (sign < 0 ? 1 : 0)) | flag,
              Math.max(0, Math.min(255, amplitude))));
    }
  }

  private static double noiseGain() {
    int n = 81;
    double[] impulse = new double[n];
    impulse[n / 2] = 1;
    double[] s =
        TrajectorySketcher.gaussian(
            impulse, TrajectorySketcher.SMOOTHING_S * TrajectorySketcher.GRID_HZ);
    double sum = 0;
    for (int i = 2; i < n - 2; i++) {
      // two central differences: (x[i+2] - 2 x[i] + x[i-2]) / 4 * GRID_HZ^2
      double d = (s[i + 2] - 2 * s[i] + s[i - 2]) / 4;
      sum += d * d;
    }
    return Math.sqrt(sum) * TrajectorySketcher.GRID_HZ * TrajectorySketcher.GRID_HZ;
  }
}
