package dev.tributary.curation.quality;

import dev.tributary.media.SampledFrame;

/** Per-frame image statistics of the camera checks, on the luma plane at sampled resolution. */
final class FrameMeasures {
  private FrameMeasures() {}

  static double mean(int[] luma) {
    long sum = 0;
    for (int v : luma) {
      sum += v;
    }
    return luma.length == 0 ? 0 : (double) sum / luma.length;
  }

  /**
   * The plane's standard deviation around its {@link #mean} {@code m} (the camera checks have it).
   */
  static double std(int[] luma, double m) {
    double s = 0;
    for (int v : luma) {
      s += (v - m) * (v - m);
    }
    return luma.length == 0 ? 0 : Math.sqrt(s / luma.length);
  }

  /**
   * Share of pixels whose luma differs by more than {@code delta} between two frames: codec noise
   * and sensor noise (after scaling down) stay below a few grey levels, anything that moved in the
   * picture exceeds it. 1 when the sizes differ.
   */
  static double changedShare(SampledFrame a, SampledFrame b, int delta) {
    return changedShare(a, a.lumaPlane(), b, b.lumaPlane(), delta);
  }

  /** {@link #changedShare(SampledFrame, SampledFrame, int)} with the frames' luma planes given. */
  static double changedShare(SampledFrame a, int[] la, SampledFrame b, int[] lb, int delta) {
    if (a.width() != b.width() || a.height() != b.height()) {
      return 1;
    }
    int changed = 0;
    for (int i = 0; i < la.length; i++) {
      if (Math.abs(la[i] - lb[i]) > delta) {
        changed++;
      }
    }
    return la.length == 0 ? 0 : (double) changed / la.length;
  }

  /**
   * {@link #sharpness} of the plane halved in each direction, each pixel the sum of a 2 x 2 block
   * (the ratio does not depend on the scale of the values; an odd last column or row is left out),
   * when both sides are at least 16 px; smaller planes are measured as they are. The blur and two
   * Laplacians per frame were the largest per-pixel cost of a video episode (~70 us per 128 x 96
   * frame); on 64 x 48 they are a quarter of that. The measure sees the picture at half the sample
   * width: blur much smaller than one of its pixels (two sampled pixels) is invisible to it
   * (raising the sample width still shows finer blur), and the blurred share moves: {@link
   * CameraThresholds#blurMinSharpness} was derived again for it.
   */
  static double halvedSharpness(int[] luma, int w, int h) {
    int k = w >= 16 && h >= 16 ? 2 : 1;
    int rw = w / k;
    int rh = h / k;
    double[] reduced = new double[rw * rh];
    for (int ry = 0; ry < rh; ry++) {
      for (int dy = 0; dy < k; dy++) {
        int row = (ry * k + dy) * w;
        int out = ry * rw;
        for (int rx = 0; rx < rw; rx++) {
          int sum = 0;
          for (int i = row + rx * k, end = i + k; i < end; i++) {
            sum += luma[i];
          }
          reduced[out + rx] += sum;
        }
      }
    }
    return sharpness(reduced, rw, rh);
  }

  /**
   * Share of the frame's Laplacian variance that one more 5 x 5 binomial blur (sigma 1 px) removes:
   * near 1 for sharp edges, small when the picture is already blurred, whatever its contrast (both
   * variances scale with contrast squared). NaN for frames too small (< 8 px) or without any edge.
   * The camera checks measure it on the halved plane ({@link #halvedSharpness}).
   */
  static double sharpness(int[] luma, int w, int h) {
    double[] original = new double[luma.length];
    for (int i = 0; i < luma.length; i++) {
      original[i] = luma[i];
    }
    return sharpness(original, w, h);
  }

  private static double sharpness(double[] original, int w, int h) {
    if (w < 8 || h < 8) {
      return Double.NaN;
    }
    double before = laplacianVariance(original, w, h);
    if (before <= 1e-9) {
      return Double.NaN;
    }
    double after = laplacianVariance(binomial5(original, w, h), w, h);
    return 1 - after / before;
  }

  /** Variance of the 4-neighbour Laplacian over pixels at least 2 px from the border. */
  static double laplacianVariance(double[] p, int w, int h) {
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int y = 2; y < h - 2; y++) {
      for (int x = 2; x < w - 2; x++) {
        int i = y * w + x;
        double lap = p[i - 1] + p[i + 1] + p[i - w] + p[i + w] - 4 * p[i];
        sum += lap;
        sumSq += lap * lap;
        n++;
      }
    }
    if (n == 0) {
      return 0;
    }
    double m = sum / n;
    return Math.max(0, sumSq / n - m * m);
  }

  /**
   * Separable [1 4 6 4 1] / 16 blur, borders clamped. Pixels at least 2 px from the border are
   * summed without clamping, in the same order (the same doubles); each row's border pixels and
   * interior run in loops of their own (no test per pixel).
   */
  static double[] binomial5(double[] p, int w, int h) {
    final double k0 = 1 / 16.0;
    final double k1 = 4 / 16.0;
    final double k2 = 6 / 16.0;
    double[] k = {k0, k1, k2, k1, k0};
    double[] tmp = new double[p.length];
    int innerEnd = Math.max(2, w - 2); // x in [2, innerEnd) is inside
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < Math.min(2, w); x++) {
        tmp[row + x] = clampedRow(p, k, row, x, w);
      }
      for (int i = row + 2; i < row + innerEnd; i++) {
        double s = 0;
        s += k0 * p[i - 2];
        s += k1 * p[i - 1];
        s += k2 * p[i];
        s += k1 * p[i + 1];
        s += k0 * p[i + 2];
        tmp[i] = s;
      }
      for (int x = Math.max(2, innerEnd); x < w; x++) {
        tmp[row + x] = clampedRow(p, k, row, x, w);
      }
    }
    double[] out = new double[p.length];
    for (int y = 0; y < h; y++) {
      int row = y * w;
      if (y >= 2 && y < h - 2) {
        for (int i = row; i < row + w; i++) {
          double s = 0;
          s += k0 * tmp[i - 2 * w];
          s += k1 * tmp[i - w];
          s += k2 * tmp[i];
          s += k1 * tmp[i + w];
          s += k0 * tmp[i + 2 * w];
          out[i] = s;
        }
      } else {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int d = -2; d <= 2; d++) {
            s += k[d + 2] * tmp[Math.max(0, Math.min(h - 1, y + d)) * w + x];
          }
          out[row + x] = s;
        }
      }
    }
    return out;
  }

  /** The horizontal pass at a pixel near the row's ends: neighbours clamped to the row. */
  private static double clampedRow(double[] p, double[] k, int row, int x, int w) {
    double s = 0;
    for (int d = -2; d <= 2; d++) {
      s += k[d + 2] * p[row + Math.max(0, Math.min(w - 1, x + d))];
    }
    return s;
  }
}
