package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quickselect gives, for every k, the value the sorted array holds at k. */
class OrderStatisticsTest {
  @Test
  void everyOrderStatisticIsTheSortedArraysValue() {
    SplittableRandom random = new SplittableRandom(17);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(300);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(10);
        values[i] =
            kind == 0
                ? random.nextInt(4) // repeated values
                : kind == 1 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextDouble(-5, 5);
      }
      if (trial % 10 == 0) {
        values[random.nextInt(n)] = Double.NaN;
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      for (int k = 0; k < n; k++) {
        double kth = OrderStatistics.kth(values.clone(), k);
        assertThat(Double.doubleToLongBits(kth))
            .as("k=%d of %d", k, n)
            .isEqualTo(Double.doubleToLongBits(sorted[k]));
      }
      assertThat(Double.doubleToLongBits(OrderStatistics.max(values)))
          .isEqualTo(Double.doubleToLongBits(sorted[n - 1]));
    }
  }
}
