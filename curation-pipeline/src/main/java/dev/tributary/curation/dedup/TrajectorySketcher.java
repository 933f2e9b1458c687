package dev.tributary.curation.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes a {@link TrajectorySketch}. Every joint is resampled onto a 20 Hz grid in seconds (so
 * the source rate does not matter), smoothed with a 0.1 s Gaussian (so sensor noise and servo
 * tremor do not create landmarks), and differentiated. The landmarks are the local extrema of each
 * joint's velocity: the middle of every move. Velocity peaks were chosen over position extrema
 * because a teleoperated arm holds poses (flat position extrema have no well-defined time) while
 * its moves have sharp, well-timed speed peaks; velocity also drops the unit offset, and ratios of
 * peak speeds within a joint drop the unit scale.
 *
 * <p>Joints that travel at nearly constant speed also get <em>corners</em> ({@link
 * CornerLandmarks}, issue 16), kept apart from the velocity peaks.
 *
 * <p><b>Why one class of ~660 lines.</b> It is one chain of numeric steps over the same per-joint
 * arrays, each a short static method, with the constants that were tuned together (and are measured
 * together by the dedup benchmark) at the top; split, the constants would scatter.
 */
final class TrajectorySketcher {
  static final double GRID_HZ = 20;
  static final double SMOOTHING_S = 0.1;

  /**
   * A peak counts if its speed is at least this fraction of the joint's fastest speed within {@link
   * #GATE_WINDOW_S} either side. A local reference (not the whole episode's) keeps the same
   * landmarks in a trimmed copy except near the cuts, and there the reference can only drop, so the
   * copy keeps every landmark of the original and may add a few.
   */
  static final double MIN_RELATIVE_SPEED = 0.08;

  static final double GATE_WINDOW_S = 2.0;

  /**
   * And at least this fraction of the joint's fastest speed in the whole episode: a hold longer
   * than the local window shows only tremor and noise, whose peaks come and go with resampling. A
   * trimmed copy can only lower this threshold (keeping all landmarks and adding a few); a
   * concatenation with much faster motion can raise it.
   */
  static final double MIN_SHARE_OF_FASTEST = 0.05;

  /** A peak must be the fastest point within this many seconds either side. */
  static final double PEAK_WINDOW_S = 0.25;

  /** Landmarks this close to either end are dropped: the smoothing is unreliable there. */
  static final double EDGE_S = 0.25;

  static final int MAX_LANDMARKS = 4000;

  private TrajectorySketcher() {}

  static TrajectorySketch sketch(Trajectory trajectory, int layout) {
    int joints = trajectory.joints();
    double duration = trajectory.durationS();
    if (joints == 0 || trajectory.samples() < 2 || !(duration > 0)) {
      return new TrajectorySketch(
          joints,
          Math.max(0, duration),
          trajectory.rateHz(),
          new float[0],
          new byte[0],
          new byte[0],
          CoarseTrajectory.of(
              new double[joints][0],
              CoarseTrajectory.MAX_RATE_HZ,
              new double[joints],
              new double[joints]),
          layout);
    }
    int gridSamples = (int) Math.floor(duration * GRID_HZ) + 1;
    double[][] smooth = new double[joints][];
    double[] motionRatios = new double[joints];
    double[] rangeSnr = new double[joints];
    double[] noise = new double[joints];
    boolean[] still = new boolean[joints];
    double[] redraw = new double[joints];
    int sub = subSamples(trajectory);
    for (int j = 0; j < joints; j++) {
      double[] fine = resample(trajectory, j, (gridSamples - 1) * sub + 1, GRID_HZ * sub);
      double[] raw = everyNth(fine, sub, gridSamples);
      smooth[j] = gaussianOnGrid(fine, SMOOTHING_S * GRID_HZ * sub, sub, gridSamples);
      redraw[j] = redrawVar(trajectory, j, smooth[j], sub);
      noise[j] = noiseSigma(raw);
      rangeSnr[j] = signalToNoise(smooth[j], noise[j], raw.length);
      motionRatios[j] = rangeSnr[j];
      still[j] = JointLevels.heldStill(trajectory, j) || JointLevels.folds(trajectory, j);
    }
    List<Landmark> landmarks = new ArrayList<>();
    List<Landmark> corners = new ArrayList<>();
    for (int j = 0; j < joints; j++) {
      double[] v = velocity(smooth[j]);
      double speedRatio = motionRatio(v);
      if (rangeSnr[j] >= MIN_RANGE_SNR_FOR_SPEED_RATIO) {
        motionRatios[j] = Math.max(motionRatios[j], speedRatio);
      }
      if (still[j]) {
        motionRatios[j] = 0; // not compared (its landmarks stay: copies keep them)
      }
      findPeaks(j, v, gridSamples, landmarks);
      CornerLandmarks.find(j, v, speedRatio, rangeSnr[j], noise[j], corners);
      CornerLandmarks.findInShortTake(j, v, joints, duration, rangeSnr[j], noise[j], corners);
    }
    landmarks.sort(null);
    corners.sort(null);
    int n = Math.min(landmarks.size(), MAX_LANDMARKS);
    int m = Math.min(corners.size(), MAX_LANDMARKS);
    float[] times = new float[n];
    byte[] codes = new byte[n];
    byte[] amplitudes = new byte[n];
    store(landmarks, times, codes, amplitudes);
    float[] cornerTimes = new float[m];
    byte[] cornerCodes = new byte[m];
    byte[] cornerAmplitudes = new byte[m];
    store(corners, cornerTimes, cornerCodes, cornerAmplitudes);
    double[] levels = JointLevels.of(trajectory);
    return new TrajectorySketch(
            joints,
            duration,
            trajectory.rateHz(),
            times,
            codes,
            amplitudes,
            coarse(smooth, duration, motionRatios, levels)
                .withRedraw(redraw)
                .withWindows(SampleWindows.of(trajectory)),
            layout,
            cornerTimes,
            cornerCodes,
            cornerAmplitudes)
        .withFine(new FineTrajectory(smooth, motionRatios, levels, duration, redraw))
        .withSource(trajectory);
  }

  private static void store(List<Landmark> from, float[] times, byte[] codes, byte[] amplitudes) {
    for (int i = 0; i < times.length; i++) {
      Landmark l = from.get(i);
      times[i] = (float) l.timeS;
      codes[i] = (byte) l.code;
      amplitudes[i] = (byte) l.amplitude;
    }
  }

  /**
   * Fine steps per 20 Hz grid step for the smoothing (issue 16, sixth round): at least {@link
   * #MIN_SUB_SAMPLES}, and at least the source's samples per grid step (up to {@link
   * #MAX_SUB_SAMPLES}). The 0.1 s Gaussian is then a sum over the source's linear interpolant at
   * that finer step, evaluated at the grid points, instead of over 20 Hz point samples of it: a 100
   * Hz take put ~1 of every 5 raw samples into the grid, so its sensor noise was aliased, and a
   * trim (which moves the grid's phase against the samples) or a resample drew another noise. A
   * hand-guided joint that only sways by a few noise deviations then correlated 0.3-0.99 with its
   * own trimmed copy, and its noise made landmarks a copy did not have. Sources at or below 20 Hz
   * (an interpolant with corners at most every grid step) give the same sum at any step.
   */
  static int subSamples(Trajectory t) {
    double perStep = t.rateHz() / GRID_HZ;
    int n = perStep > 0 && Double.isFinite(perStep) ? (int) Math.ceil(perStep - 0.1) : 1;
    return Math.max(MIN_SUB_SAMPLES, Math.min(MAX_SUB_SAMPLES, n));
  }

  static final int MIN_SUB_SAMPLES = 4;
  static final int MAX_SUB_SAMPLES = 25;

  private static double[] everyNth(double[] fine, int n, int samples) {
    double[] out = new double[samples];
    for (int k = 0; k < samples; k++) {
      out[k] = fine[k * n];
    }
    return out;
  }

  /**
   * {@link #gaussian} of {@code fine} (sigma in its samples), evaluated at every {@code step}-th
   * sample only.
   */
  static double[] gaussianOnGrid(double[] fine, double sigmaSamples, int step, int samples) {
    double[] kernel = gaussianKernel(sigmaSamples);
    int radius = kernel.length / 2;
    double sum = kernelSum(kernel);
    double[] out = new double[samples];
    int last = fine.length - 1;
    for (int g = 0; g < samples; g++) {
      int i = g * step;
      double acc = 0;
      if (i - radius >= 0 && i + radius <= last) {
        for (int k = 0; k < kernel.length; k++) {
          acc += kernel[k] * fine[i - radius + k];
        }
      } else {
        for (int k = -radius; k <= radius; k++) {
          acc += kernel[k + radius] * fine[Math.max(0, Math.min(last, i + k))];
        }
      }
      out[g] = acc / sum;
    }
    return out;
  }

  /** Linear interpolation of one joint at {@code k / rateHz} seconds after the first sample. */
  private static double[] resample(Trajectory t, int joint, int gridSamples, double rateHz) {
    double[] out = new double[gridSamples];
    double origin = t.timeS(0);
    int i = 0;
    for (int k = 0; k < gridSamples; k++) {
      double time = origin + k / rateHz;
      while (i < t.samples() - 2 && t.timeS(i + 1) <= time) {
        i++;
      }
      double t0 = t.timeS(i);
      double t1 = t.timeS(i + 1);
      double f = t1 > t0 ? Math.max(0, Math.min(1, (time - t0) / (t1 - t0))) : 0;
      double v0 = finite(t.value(i, joint));
      double v1 = finite(t.value(i + 1, joint));
      out[k] = v0 + (v1 - v0) * f;
    }
    return out;
  }

  /**
   * Sources at or above this rate are not probed by {@link #redrawVar} (0, and no work): the 0.1 s
   * smoothing's deviation spans two or more of their samples, so what lies between two samples is
   * averaged with its neighbours. The lowest rate the benchmark resamples to is 15 Hz.
   */
  static final double REDRAW_MAX_SOURCE_HZ = 20;

  /**
   * How much another smooth drawing of a joint between its recorded samples moves its smoothed
   * shape, in the coarse copy's codes squared (issue 16, ninth round; {@link
   * CoarseTrajectory#redrawVar}): the variance, over the 20 Hz grid, of the difference between the
   * smoothing of the samples' linear interpolant (what the sketch smooths) and of their Catmull-Rom
   * interpolant (what a cubic resampler draws), less the part of it that a scale of the smoothed
   * joint explains (correlation does not see it: a smooth joint that a low rate under-samples is
   * re-drawn mostly larger, as the linear interpolant cuts its corners; counted, that part gave a
   * synthetic STIR clip resampled to 15 Hz a false pair with another take). A joint the recorder
   * samples well is near-linear between samples, so the two agree; one that wobbles from sample to
   * sample at a low rate is not defined between its samples, and a resampled copy of it is another
   * signal there. Round 11's Lite 6, moved by hand and recorded at 9 Hz: its wrist joints'
   * second-difference residual is 10-60 % of their deviation, and a cubic re-drawing of their raw
   * samples alone correlated 0.9994 (median; 0.9958 at worst) with them, below the other-units bar
   * of 0.99986 whatever the sketch did (BENCHMARKS.md, issue 16). Sources at {@link
   * #REDRAW_MAX_SOURCE_HZ} and above give 0 without the work.
   */
  static double redrawVar(Trajectory t, int joint, double[] smooth, int sub) {
    if (!(t.rateHz() < REDRAW_MAX_SOURCE_HZ) || t.samples() < 4 || smooth.length < 2) {
      return 0;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : smooth) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      return 0;
    }
    double[] cubic = resampleCubic(t, joint, (smooth.length - 1) * sub + 1, GRID_HZ * sub);
    double[] redrawn = gaussianOnGrid(cubic, SMOOTHING_S * GRID_HZ * sub, sub, smooth.length);
    // The difference's part that no per-joint scale and offset explains: a smooth joint that a
    // low rate under-samples is re-drawn mostly larger (the linear interpolant cuts its corners),
    // which correlation does not see.
    int n = smooth.length;
    double sd = 0, ss = 0, sdd = 0, sss = 0, sds = 0;
    for (int g = 0; g < n; g++) {
      double d = redrawn[g] - smooth[g];
      double v = smooth[g];
      sd += d;
      ss += v;
      sdd += d * d;
      sss += v * v;
      sds += d * v;
    }
    double varD = sdd / n - (sd / n) * (sd / n);
    double varS = sss / n - (ss / n) * (ss / n);
    double cov = sds / n - (sd / n) * (ss / n);
    double codesPerUnit = 255 / (hi - lo);
    double unexplained = varS > 0 ? Math.max(0, varD - cov * cov / varS) : varD;
    return unexplained * codesPerUnit * codesPerUnit;
  }

  /** {@link #resample} by Catmull-Rom interpolation between the samples (by sample index). */
  private static double[] resampleCubic(Trajectory t, int joint, int gridSamples, double rateHz) {
    double[] out = new double[gridSamples];
    double origin = t.timeS(0);
    int n = t.samples();
    int i = 0;
    for (int k = 0; k < gridSamples; k++) {
      double time = origin + k / rateHz;
      while (i < n - 2 && t.timeS(i + 1) <= time) {
        i++;
      }
      double t0 = t.timeS(i);
      double t1 = t.timeS(i + 1);
      double f = t1 > t0 ? Math.max(0, Math.min(1, (time - t0) / (t1 - t0))) : 0;
      double p0 = finite(t.value(Math.max(0, i - 1), joint));
      double p1 = finite(t.value(i, joint));
      double p2 = finite(t.value(i + 1, joint));
      double p3 = finite(t.value(Math.min(n - 1, i + 2), joint));
      out[k] =
          p1
              + 0.5
                  * f
                  * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
    }
    return out;
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  /** The unnormalised Gaussian weights over +-3 sigma (2 * ceil(3 sigma) + 1 of them). */
  private static double[] gaussianKernel(double sigmaSamples) {
    int radius = (int) Math.ceil(3 * sigmaSamples);
    double[] kernel = new double[2 * radius + 1];
    for (int k = -radius; k <= radius; k++) {
      kernel[k + radius] = Math.exp(-0.5 * k * k / (sigmaSamples * sigmaSamples));
    }
    return kernel;
  }

  /** The weights' sum, added in index order (as the smoothing always did). */
  private static double kernelSum(double[] kernel) {
    double sum = 0;
    for (double w : kernel) {
      sum += w;
    }
    return sum;
  }

  /** Gaussian smoothing with the edge values repeated beyond both ends. */
  static double[] gaussian(double[] x, double sigmaSamples) {
    double[] kernel = gaussianKernel(sigmaSamples);
    int radius = kernel.length / 2;
    double sum = kernelSum(kernel);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double acc = 0;
      for (int k = -radius; k <= radius; k++) {
        acc += kernel[k + radius] * x[Math.max(0, Math.min(x.length - 1, i + k))];
      }
      out[i] = acc / sum;
    }
    return out;
  }

  /** Central differences, in units per second. */
  private static double[] velocity(double[] x) {
    double[] v = new double[x.length];
    for (int i = 1; i < x.length - 1; i++) {
      v[i] = (x[i + 1] - x[i - 1]) * GRID_HZ / 2;
    }
    return v;
  }

  private static void findPeaks(int joint, double[] v, int n, List<Landmark> out) {
    int window = (int) Math.round(PEAK_WINDOW_S * GRID_HZ);
    int edge = (int) Math.ceil(EDGE_S * GRID_HZ);
    double[] localFastest = slidingMaxSpeed(v, (int) Math.round(GATE_WINDOW_S * GRID_HZ));
    double fastest = 0;
    for (double x : v) {
      fastest = Math.max(fastest, Math.abs(x));
    }
    for (int k = Math.max(1, edge); k < n - 1 - edge; k++) {
      double speed = Math.abs(v[k]);
      double gate = Math.max(MIN_RELATIVE_SPEED * localFastest[k], MIN_SHARE_OF_FASTEST * fastest);
      if (speed == 0 || speed < gate || !isPeak(v, k, window)) {
        continue;
      }
      double sign = Math.signum(v[k]);
      double ym = sign * v[k - 1];
      double y0 = sign * v[k];
      double yp = sign * v[k + 1];
      double denominator = ym - 2 * y0 + yp;
      double delta =
          denominator < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (ym - yp) / denominator)) : 0;
      double peak = y0 - 0.25 * (ym - yp) * delta;
      int amplitude = (int) Math.round(-Math.log(Math.min(1, peak / fastest)) * 16);
      double time = levelCentre(v, k, sign, peak);
      int code = joint * 2 + (sign < 0 ? 1 : 0);
      if (!Double.isNaN(time) && sharesCentre(out, joint, code, time)) {
        continue;
      }
      out.add(
          new Landmark(
              Double.isNaN(time) ? (k + delta) / GRID_HZ : time,
              code,
              Math.max(0, Math.min(255, amplitude))));
    }
  }

  /**
   * The levels, as fractions of the peak speed, at which {@link #levelCentre} may time a peak: the
   * lowest whose two crossings lie within {@link #MAX_LEVEL_WIDTH_S}.
   */
  static final double[] LEVELS = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

  /**
   * A peak is timed at the lowest of {@link #LEVELS} whose crossings are at most this far apart
   * (issue 16, seventh round). A trimmed copy keeps a landmark's time only if the crossings it is
   * timed by lie inside the clip; a bell wider than a short clip was timed where the cut (and the
   * smoothing's edge) made its flank, 0.1-0.5 s from the original's centre.
   */
  static final double MAX_LEVEL_WIDTH_S = 1.0;

  /**
   * Grid samples at each end of an episode where {@link #levelCentre} takes no crossing (issue 16,
   * tenth round): 2, 0.1 s. {@link #velocity} leaves the first and last sample at 0 and the
   * smoothing repeats the end value beyond the end, so the speed falls towards 0 there whatever the
   * motion does: every episode's ends cross every level. A peak whose flank runs past a cut was
   * timed by that crossing in a trimmed copy (at the lowest level, which fits within {@link
   * #MAX_LEVEL_WIDTH_S} only because the cut shortened it) and by the motion's own crossing in the
   * original, up to a few hundred ms apart; now the copy goes on to the next level whose crossings
   * the clip holds, where the original is timed too when the peak is symmetric. Landmarks of exact
   * trims kept within 30 ms: round 10 1453 -> 1472 of 1578, rounds 2-7 without the WAM strikes
   * 10,444 -> 10,513 of 10,875; trim + resample + units copies found (3 draws) there +3, the dVRK
   * +1, LINEAR_BLEND trims +1-3 per transform (BENCHMARKS.md, tenth round). 2 and not 1 (only the
   * zero samples): 1 gained less; not 5 ({@link #EDGE_S}): fewer trimmed landmarks kept. The cost:
   * a 1-3 s single movement whose bell fills the take is timed higher up, where a resample moves
   * the crossing more (round 14: 3-4 resampled copies of 912 lost, 14 copies gained in all). The
   * half-maximum fallback (peaks wider than 1 s at every level) is unchanged: timing those by their
   * top gained round 9 trims but added a false pair of the HIRO's identical re-runs.
   */
  static final int END_SAMPLES = 2;

  /**
   * The time of a speed peak (issue 16, seventh round): the midpoint of the two crossings of the
   * lowest level in {@link #LEVELS} (half the peak first, as before) whose crossings are at most
   * {@link #MAX_LEVEL_WIDTH_S} apart. Every sample the choice reads lies within that width of the
   * argmax, so a copy cut farther than that from the peak times it the same. A narrow bell keeps
   * its half-maximum centre; a slow, broad one (round 7's dVRK needle insertion: half-maximum width
   * median 1.89 s) is timed by its top, which a 2-3 s clip still holds whole, where its
   * half-maximum flank ran into the cut. For a symmetric peak every level gives the same centre, so
   * a copy that picks a neighbouring level (a crossing near the width limit) moves only by the
   * peak's asymmetry. A peak wider than that at every level (a plateau: travel at constant speed)
   * keeps its half-maximum centre ({@link #halfMaximumCentre}): dropping those lost LINEAR_BLEND
   * trims (its waypoint segments are plateaus whose half-maximum centres a clip holding the whole
   * segment reproduces).
   */
  static double levelCentre(double[] v, int k, double sign, double peak) {
    double[] crossing = levelCrossing(v, k, sign, peak, END_SAMPLES);
    return crossing != null ? crossing[1] : halfMaximumCentre(v, k, sign, peak);
  }

  /**
   * The first of {@link #LEVELS} whose two crossings around the peak lie within the width allowed
   * and at least {@code endSamples} samples from either end, as {@code {level, centre s}}; null if
   * none ({@link #levelCentre} with the end margin as a parameter, for diagnostics).
   */
  static double[] levelCrossing(double[] v, int k, double sign, double peak, int endSamples) {
    int maxWidth = (int) Math.round(MAX_LEVEL_WIDTH_S * GRID_HZ);
    for (double f : LEVELS) {
      double level = f * peak;
      if (sign * v[k] <= level) {
        continue;
      }
      int l = k;
      while (l > 0 && k - l <= maxWidth && sign * v[l] > level) {
        l--;
      }
      int r = k;
      while (r < v.length - 1 && r - k <= maxWidth && sign * v[r] > level) {
        r++;
      }
      if (sign * v[l] > level || sign * v[r] > level) {
        continue; // a flank farther than the width allows
      }
      if (l < endSamples || r > v.length - 1 - endSamples) {
        continue; // a crossing the episode's end makes, not the motion (see END_SAMPLES)
      }
      double lt = l + (level - sign * v[l]) / (sign * v[l + 1] - sign * v[l]);
      double rt = r - (level - sign * v[r]) / (sign * v[r - 1] - sign * v[r]);
      if (rt - lt <= maxWidth) {
        return new double[] {f, (lt + rt) / 2 / GRID_HZ};
      }
    }
    return null;
  }

  /**
   * Whether {@code out} already holds a landmark of this joint and direction within half a hash
   * time bin of {@code timeS} (issue 16, seventh round). A broad or flat top has local maxima more
   * than {@link #PEAK_WINDOW_S} apart that share their crossings, so one move made 2-3 landmarks at
   * one centre (round 7's dVRK), whose triplets repeated one another's hashes; the first is kept.
   * The joint's landmarks are the last ones added.
   */
  private static boolean sharesCentre(List<Landmark> out, int joint, int code, double timeS) {
    for (int i = out.size() - 1; i >= 0 && out.get(i).code / 2 == joint; i--) {
      Landmark l = out.get(i);
      if (l.code == code && Math.abs(l.timeS - timeS) < LandmarkHashes.TIME_BIN_S / 2) {
        return true;
      }
    }
    return false;
  }

  /**
   * The time of a speed peak as the midpoint of where the speed crosses half the peak on either
   * side. A move's speed profile is a broad bell: its top is flat, so the argmax wanders by tens of
   * milliseconds with noise and resampling, while its flanks are steep and their crossings move by
   * a few milliseconds. NaN when a flank reaches the end of the episode first.
   */
  private static double halfMaximumCentre(double[] v, int k, double sign, double peak) {
    double[] centre = halfMaximum(v, k, sign, peak);
    return centre == null ? Double.NaN : centre[0];
  }

  /**
   * {@link #halfMaximumCentre}'s centre and the width between the two crossings, in seconds; null
   * when a flank reaches the end first.
   */
  static double[] halfMaximum(double[] v, int k, double sign, double peak) {
    double half = peak / 2;
    int left = k;
    while (left > 0 && sign * v[left] > half) {
      left--;
    }
    int right = k;
    while (right < v.length - 1 && sign * v[right] > half) {
      right++;
    }
    if (sign * v[left] > half || sign * v[right] > half) {
      return null;
    }
    double l = left + (half - sign * v[left]) / (sign * v[left + 1] - sign * v[left]);
    double r = right - (half - sign * v[right]) / (sign * v[right - 1] - sign * v[right]);
    return new double[] {(l + r) / 2 / GRID_HZ, (r - l) / GRID_HZ};
  }

  /** For each sample, the largest |v| within {@code radius} samples (a monotonic deque). */
  static double[] slidingMaxSpeed(double[] v, int radius) {
    int n = v.length;
    double[] out = new double[n];
    int[] deque = new int[n];
    int head = 0;
    int tail = 0;
    int next = 0;
    for (int i = 0; i < n; i++) {
      int until = Math.min(n - 1, i + radius);
      for (; next <= until; next++) {
        while (tail > head && Math.abs(v[deque[tail - 1]]) <= Math.abs(v[next])) {
          tail--;
        }
        deque[tail++] = next;
      }
      while (deque[head] < i - radius) {
        head++;
      }
      out[i] = Math.abs(v[deque[head]]);
    }
    return out;
  }

  /** Fastest over median speed: high for a joint that holds and moves, low for noise. */
  private static double motionRatio(double[] v) {
    double[] speeds = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      speeds[i] = Math.abs(v[i]);
    }
    double fastest = OrderStatistics.max(speeds);
    double median = OrderStatistics.kth(speeds, speeds.length / 2);
    return median > 0 ? fastest / median : fastest > 0 ? 255 : 0;
  }

  /**
   * The smoothed joint's range over {@link #NOISE_MULTIPLE} sensor-noise levels: high for a joint
   * that travels, whatever its speed profile; about 1 or below for one that only shows noise. The
   * noise level is estimated from the raw 20 Hz grid's second differences (median absolute value,
   * scaled to a standard deviation): moves, ramps and holds have second differences near zero
   * except at a few corners, which the median ignores. {@link #motionRatio} alone (fastest over
   * median speed) calls a joint that moves at nearly constant speed all the time (linear moves with
   * blended corners) still: both are kept, the larger wins.
   */
  private static double signalToNoise(double[] smooth, double sigma, int samples) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : smooth) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double range = hi - lo;
    if (!(range > 0) || samples < 5) {
      return 0;
    }
    return sigma > 0 ? Math.min(255, range / (NOISE_MULTIPLE * sigma)) : 255;
  }

  /** The raw grid's noise deviation: median absolute second difference, scaled (0: too short). */
  private static double noiseSigma(double[] raw) {
    if (raw.length < 5) {
      return 0;
    }
    double[] d2 = new double[raw.length - 2];
    for (int i = 1; i < raw.length - 1; i++) {
      d2[i - 1] = Math.abs(raw[i + 1] - 2 * raw[i] + raw[i - 1]);
    }
    // |N(0, 6 sigma^2)| has median 0.6745 * sqrt(6) sigma.
    return OrderStatistics.kth(d2, d2.length / 2) / (0.6745 * Math.sqrt(6));
  }

  /**
   * The speed ratio (fastest over median speed) says a joint moves only when its smoothed range is
   * at least this many times {@link #NOISE_MULTIPLE} noise deviations (issue 16, sixth round). A
   * hand-guided UR's idle wrist holds within 3e-4 rad of sensor noise and creeps one step of about
   * ten noise deviations when the hand takes it: one fast instant over a noisy median, a speed
   * ratio of 15-50, so it was compared, and in a resampled copy (whose noise is drawn anew) or a
   * stretch without the step it correlated 0.3-0.998 with its original and vetoed true copies.
   */
  static final double MIN_RANGE_SNR_FOR_SPEED_RATIO = 5;

  /** See {@link #signalToNoise}: a joint moves if its range is 6 x 5 = 30 noise deviations. */
  static final double NOISE_MULTIPLE = 5;

  /** Same sign and the largest magnitude in the window (ties go to the earliest sample). */
  static boolean isPeak(double[] v, int k, int window) {
    double s = Math.signum(v[k]);
    double y = s * v[k];
    for (int m = Math.max(0, k - window); m <= Math.min(v.length - 1, k + window); m++) {
      double other = s * v[m];
      if (other > y || (other == y && m < k)) {
        return false;
      }
    }
    return true;
  }

  /** Point samples of the smoothed joints at up to 10 Hz, at most MAX_SAMPLES per joint. */
  private static CoarseTrajectory coarse(
      double[][] smooth, double duration, double[] ratios, double[] levels) {
    return coarse(smooth, duration, ratios, levels, CoarseTrajectory.MAX_SAMPLES);
  }

  /**
   * The coarse copy the sketch would keep with another sample cap (diagnostics: what a finer copy
   * of a long take would confirm).
   */
  static CoarseTrajectory coarseCopy(Trajectory trajectory, int maxSamples) {
    int joints = trajectory.joints();
    double duration = trajectory.durationS();
    int gridSamples = (int) Math.floor(duration * GRID_HZ) + 1;
    double[][] smooth = new double[joints][];
    double[] ratios = TrajectorySketch.of(trajectory).coarseMotionRatios();
    int sub = subSamples(trajectory);
    for (int j = 0; j < joints; j++) {
      double[] fine = resample(trajectory, j, (gridSamples - 1) * sub + 1, GRID_HZ * sub);
      smooth[j] = gaussianOnGrid(fine, SMOOTHING_S * GRID_HZ * sub, sub, gridSamples);
    }
    return coarse(smooth, duration, ratios, JointLevels.of(trajectory), maxSamples);
  }

  private static CoarseTrajectory coarse(
      double[][] smooth, double duration, double[] ratios, double[] levels, int maxSamples) {
    double rate = Math.min(CoarseTrajectory.MAX_RATE_HZ, (maxSamples - 1) / duration);
    int samples = (int) Math.floor(duration * rate) + 1;
    double[][] values = new double[smooth.length][samples];
    for (int j = 0; j < smooth.length; j++) {
      double[] grid = smooth[j];
      for (int i = 0; i < samples; i++) {
        double x = i / rate * GRID_HZ;
        int k = Math.min(grid.length - 1, (int) Math.floor(x));
        double f = x - k;
        values[j][i] = k + 1 < grid.length ? grid[k] + (grid[k + 1] - grid[k]) * f : grid[k];
      }
    }
    return CoarseTrajectory.of(values, rate, ratios, levels);
  }

  record Landmark(double timeS, int code, int amplitude) implements Comparable<Landmark> {
    @Override
    public int compareTo(Landmark o) {
      int byTime = Double.compare(timeS, o.timeS);
      return byTime != 0 ? byTime : Integer.compare(code, o.code);
    }
  }
}
