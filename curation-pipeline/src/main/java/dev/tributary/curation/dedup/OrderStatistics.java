package dev.tributary.curation.dedup;

/**
 * The k-th smallest of an array of doubles without sorting it all (a quickselect), in the order
 * {@link java.util.Arrays#sort(double[])} gives ({@link Double#compare}: -0.0 before 0.0, NaN
 * last): {@code kth(a, k)} is the value {@code sorted[k]} would hold. The sketcher's medians (noise
 * level, speed ratio, sample interval) took whole-array sorts.
 */
final class OrderStatistics {
  private OrderStatistics() {}

  /** The value at {@code k} of {@code values} sorted; reorders {@code values}. */
  static double kth(double[] values, int k) {
    if (k < 0 || k >= values.length) {
      throw new IndexOutOfBoundsException(k);
    }
    int lo = 0;
    int hi = values.length - 1;
    while (lo < hi) {
      double pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (Double.compare(values[i], pivot) < 0) {
          i++;
        }
        while (Double.compare(values[j], pivot) > 0) {
          j--;
        }
        if (i <= j) {
          double t = values[i];
          values[i++] = values[j];
          values[j--] = t;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return values[k]; // between the two parts: equal to the pivot
      }
    }
    return values[k];
  }

  /** The largest value in {@link Double#compare}'s order (the last of the sorted array). */
  static double max(double[] values) {
    double max = values[0];
    for (int i = 1; i < values.length; i++) {
      if (Double.compare(values[i], max) > 0) {
        max = values[i];
      }
    }
    return max;
  }

  private static double medianOfThree(double a, double b, double c) {
    double lo = Double.compare(a, b) <= 0 ? a : b;
    double hi = Double.compare(a, b) <= 0 ? b : a;
    if (Double.compare(c, hi) >= 0) {
      return hi;
    }
    return Double.compare(c, lo) <= 0 ? lo : c;
  }
}
