package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameMeasuresTest {
  /** The blur gives the doubles of the per-pixel formula with clamping everywhere, any size. */
  @Test
  void theBlurIsTheClampedFormulaBitForBit() {
    Random random = new Random(5);
    int[][] sizes = {{128, 96}, {1, 1}, {2, 7}, {3, 3}, {4, 5}, {5, 4}, {8, 8}, {33, 17}};
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      double[] p = new double[w * h];
      for (int i = 0; i < p.length; i++) {
        p[i] = random.nextInt(256);
      }
      double[] expected = clampedEverywhere(p, w, h);
      double[] actual = FrameMeasures.binomial5(p, w, h);
      for (int i = 0; i < p.length; i++) {
        assertThat(Double.doubleToRawLongBits(actual[i]))
            .as("%d x %d, pixel %d", w, h, i)
            .isEqualTo(Double.doubleToRawLongBits(expected[i]));
      }
    }
  }

  /**
   * The blur as first written: every pixel summed with clamped neighbours, in the order -2..2
   * (inside the picture clamping changes nothing, so the interior sums are the same terms).
   */
  private static double[] clampedEverywhere(double[] p, int w, int h) {
    double[] k = {1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0};
    double[] tmp = new double[p.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int d = -2; d <= 2; d++) {
          s += k[d + 2] * p[y * w + Math.max(0, Math.min(w - 1, x + d))];
        }
        tmp[y * w + x] = s;
      }
    }
    double[] out = new double[p.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int d = -2; d <= 2; d++) {
          s += k[d + 2] * tmp[Math.max(0, Math.min(h - 1, y + d)) * w + x];
        }
        out[y * w + x] = s;
      }
    }
    return out;
  }
}
