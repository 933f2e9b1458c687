package dev.tributary.curation.dedup;

/**
 * Where two recordings put one after the other meet (issue 16, eleventh round): the joints jump
 * between one sample and the next far more than anywhere else in the episode. A stretch looked up
 * on its own ({@link NearDuplicateIndex}) must not hold a sample of the other recording: one jump
 * at its start dominates every joint's speed, so its landmarks and their hashes are no longer the
 * stored take's (measured: a copy of a 1.3 s movement with one sample of the take before it found
 * nothing; without it, found with every vote).
 */
final class Seams {
  /**
   * A step counts as a seam when it is this many times the episode's 95th-percentile step (each
   * joint's step over its range, the largest joint's counted).
   */
  static final double MIN_JUMP = 4;

  private Seams() {}

  /**
   * A boundary moved to the seam within {@code reachS} of it, if there is one: the middle between
   * the last sample of one recording and the first of the next, so that a stretch ending or
   * starting there holds samples of one of them only; otherwise the boundary as given.
   *
   * @param atS seconds after the first sample
   */
  static double snap(Trajectory t, double atS, double reachS) {
    double seam = find(t, atS, reachS);
    return Double.isNaN(seam) ? atS : seam;
  }

  /**
   * The seam within {@code reachS} of {@code atS} (the middle between the two recordings' samples,
   * in seconds after the first sample), or NaN if the joints jump nowhere there.
   */
  static double find(Trajectory t, double atS, double reachS) {
    int n = t.samples();
    if (n < 3) {
      return Double.NaN;
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
    double[] steps = new double[n - 1];
    for (int i = 0; i + 1 < n; i++) {
      steps[i] = step(t, i, range);
    }
    double typical = OrderStatistics.kth(steps.clone(), (int) (0.95 * (n - 2)));
    double origin = t.timeS(0);
    int best = -1;
    for (int i = 0; i + 1 < n; i++) {
      double mid = (t.timeS(i) + t.timeS(i + 1)) / 2 - origin;
      if (Math.abs(mid - atS) <= reachS
          && steps[i] > MIN_JUMP * typical
          && (best < 0 || steps[i] > steps[best])) {
        best = i;
      }
    }
    return best < 0 ? Double.NaN : (t.timeS(best) + t.timeS(best + 1)) / 2 - origin;
  }

  private static double step(Trajectory t, int i, double[] range) {
    double largest = 0;
    for (int j = 0; j < range.length; j++) {
      if (range[j] > 0) {
        largest = Math.max(largest, Math.abs(t.value(i + 1, j) - t.value(i, j)) / range[j]);
      }
    }
    return largest;
  }
}
