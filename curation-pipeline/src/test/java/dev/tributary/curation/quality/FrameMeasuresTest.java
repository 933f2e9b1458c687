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
   * The halved sharpness is {@link FrameMeasures#sharpness} of the plane of 2 x 2 block sums (an
   * odd last column or row left out), summed here pixel by pixel; planes with a side under 16 px
   * are measured as they are.
   */
  @Test
  void theHalvedSharpnessIsTheSharpnessOfTheBlockSums() {
    Random random = new Random(9);
    int[][] sizes = {{128, 96}, {160, 120}, {129, 97}, {640, 480}, {16, 16}, {15, 40}, {40, 12}};
    int[] factors = {2, 2, 2, 2, 2, 1, 1};
    for (int s = 0; s < sizes.length; s++) {
      int w = sizes[s][0];
      int h = sizes[s][1];
      int k = factors[s];
      int[] luma = new int[w * h];
      for (int i = 0; i < luma.length; i++) {
        luma[i] = (i % w) * 3 + (i / w) * 2 + random.nextInt(40) & 0xff;
      }
      int rw = w / k;
      int rh = h / k;
      int[] sums = new int[rw * rh];
      for (int y = 0; y < rh * k; y++) {
        for (int x = 0; x < rw * k; x++) {
          sums[(y / k) * rw + x / k] += luma[y * w + x];
        }
      }
      assertThat(Double.doubleToRawLongBits(FrameMeasures.halvedSharpness(luma, w, h)))
          .as("%d x %d", w, h)
          .isEqualTo(Double.doubleToRawLongBits(FrameMeasures.sharpness(sums, rw, rh)));
    }
    // a sharp picture stays sharp and a blurred one blurred after the halving
    int[] checker = new int[128 * 96];
    for (int i = 0; i < checker.length; i++) {
      checker[i] = ((i % 128) / 8 + (i / 128) / 8) % 2 == 0 ? 40 : 200;
    }
    assertThat(FrameMeasures.halvedSharpness(checker, 128, 96)).isGreaterThan(0.84);
    double[] blurred = new double[checker.length];
    for (int i = 0; i < checker.length; i++) {
      blurred[i] = checker[i];
    }
    for (int pass = 0; pass < 4; pass++) {
      blurred = FrameMeasures.binomial5(blurred, 128, 96);
    }
    int[] soft = new int[checker.length];
    for (int i = 0; i < soft.length; i++) {
      soft[i] = (int) Math.round(blurred[i]);
    }
    assertThat(FrameMeasures.halvedSharpness(soft, 128, 96)).isLessThan(0.84);
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
