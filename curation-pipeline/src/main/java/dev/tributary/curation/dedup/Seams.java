package dev.tributary.curation.dedup;

/**
 * Where two recordings put one after the other meet (issue 16, eleventh round): the joints jump
 * between one sample and the next far more than anywhere else in the episode. A stretch looked up
 * on its own ({@link StretchLookups}) must not hold a sample of the other recording: one jump at
 * its start dominates every joint's speed, so its landmarks and their hashes are no longer the
 * stored take's (measured: a copy of a 1.3 s movement with one sample of the take before it found
 * nothing; without it, found with every vote). One instance per episode: its steps are measured
 * once, then asked about several boundaries.
 */
final class Seams {
  /**
   * A step counts as a seam when it is this many times the episode's 95th-percentile step (each
   * joint's step over its range, the largest joint's counted).
   */
  static final double MIN_JUMP = 4;

  private final double[] midS; // per step, the middle between its two samples, from the first
  private final double[] steps; // per step, the largest joint's step over that joint's range
  private final double threshold; // MIN_JUMP times the 95th-percentile step; infinite: none

  private Seams(double[] midS, double[] steps, double threshold) {
    this.midS = midS;
    this.steps = steps;
    this.threshold = threshold;
  }

  /** The steps of one episode. */
  static Seams of(Trajectory t) {
    int n = t.samples();
    if (n < 3) {
      return new Seams(new double[0], new double[0], Double.POSITIVE_INFINITY);
    }
    double[] range = new double[t.joints()];
    for (int j = 0; j < range.length; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        lo = Math.min(lo, t.value(i, j));
        hi = Math.max(hi, t.value(i, j));
      }
      range[j] = hi - lo;
    }
    double origin = t.timeS(0);
    double[] midS = new double[n - 1];
    double[] steps = new double[n - 1];
    for (int i = 0; i + 1 < n; i++) {
      midS[i] = (t.timeS(i) + t.timeS(i + 1)) / 2 - origin;
      for (int j = 0; j < range.length; j++) {
        if (range[j] > 0) {
          steps[i] = Math.max(steps[i], Math.abs(t.value(i + 1, j) - t.value(i, j)) / range[j]);
        }
      }
    }
    double typical = OrderStatistics.kth(steps.clone(), (int) (0.95 * (n - 2)));
    return new Seams(midS, steps, MIN_JUMP * typical);
  }

  /**
   * A boundary moved to the seam within {@code reachS} of it, if there is one: the middle between
   * the last sample of one recording and the first of the next, so that a stretch ending or
   * starting there holds samples of one of them only; otherwise the boundary as given.
   *
   * @param atS seconds after the first sample
   */
  double snap(double atS, double reachS) {
    double seam = find(atS, reachS);
    return Double.isNaN(seam) ? atS : seam;
  }

  /**
   * The seam within {@code reachS} of {@code atS} (the middle between the two recordings' samples,
   * in seconds after the first sample), or NaN if the joints jump nowhere there.
   */
  double find(double atS, double reachS) {
    int best = -1;
    for (int i = 0; i < steps.length; i++) {
      if (Math.abs(midS[i] - atS) <= reachS
          && steps[i] > threshold
          && (best < 0 || steps[i] > steps[best])) {
        best = i;
      }
    }
    return best < 0 ? Double.NaN : midS[best];
  }
}
