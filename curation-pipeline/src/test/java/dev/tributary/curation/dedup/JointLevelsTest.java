package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JointLevelsTest {
  /** Value shapes a joint's raw values take: continuous, quantised, held, skewed, signed zeros. */
  private static double[] values(SplittableRandom random, int shape, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double x = Math.sin(i * 0.05) * 40 + random.nextGaussian() * 0.01;
      v[i] =
          switch (shape) {
            case 0 -> x; // continuous
            case 1 -> Math.round(x * 4096 / 360) * 360.0 / 4096; // a 4096-step encoder
            case 2 -> random.nextInt(10) == 0 ? x : 1.25; // mostly one held value
            case 3 ->
                i == 0 ? 1e6 : random.nextGaussian() * 1e-3; // one outlier, the rest in one bucket
            case 4 -> random.nextBoolean() ? -0.0 : (random.nextBoolean() ? 0.0 : x);
            case 5 -> (float) x; // a float16-like coarse grid is covered by 1; float32 values
            default -> random.nextInt(3) - 1; // three levels
          };
    }
    return v;
  }

  @Test
  void bucketSortOrdersExactlyAsArraysSort() {
    SplittableRandom random = new SplittableRandom(16);
    for (int round = 0; round < 400; round++) {
      int n = 1 + random.nextInt(3000);
      double[] v = values(random, round % 7, n);
      double[] expected = v.clone();
      Arrays.sort(expected);
      double[] actual = v.clone();
      JointLevels.sortByBuckets(actual, n, new double[n], new int[JointLevels.BUCKETS + 1]);
      for (int i = 0; i < n; i++) {
        assertThat(Double.doubleToRawLongBits(actual[i]))
            .as("round %d shape %d index %d", round, round % 7, i)
            .isEqualTo(Double.doubleToRawLongBits(expected[i]));
      }
    }
  }

  @Test
  void levelsTellAnEncoderFromAContinuousSignal() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 600;
    long[] nanos = new long[n];
    float[][] state = new float[3][n];
    for (int i = 0; i < n; i++) {
      nanos[i] = i * 33_333_333L;
      double x = Math.sin(i * 0.02) * 30;
      state[0][i] = (float) (x + random.nextGaussian() * 1e-3); // continuous
      state[1][i] = Math.round(x / 5) * 5f; // 13 levels over its range
      state[2][i] = 7f; // never moves
    }
    double[] levels = JointLevels.of(Trajectory.ofColumns(nanos, state));
    assertThat(levels[0]).isEqualTo(JointLevels.MAX_LEVELS);
    assertThat(levels[1]).isBetween(11.0, 13.0);
    assertThat(levels[2]).isZero();
  }

  /**
   * A joint that holds still and jumps away and back for one sample at a time (a real Piper wrist:
   * 0.001-degree values within half a degree) flickers: its levels are its range over that flicker,
   * far below the grid's; an encoder keeps its grid's levels, and sensor noise or 10 Hz tremor on a
   * joint that travels does not count (issue 16, fifth round).
   */
  @Test
  void aJointThatFlickersForOneSampleAtATimeHasFewLevels() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 300;
    long[] nanos = new long[n];
    float[][] state = new float[4][n];
    double held = -1.5;
    for (int i = 0; i < n; i++) {
      nanos[i] = i * 66_666_667L; // 15 Hz
      double t = i / 15.0;
      if (random.nextInt(40) == 0) {
        held = -1.5 + 0.05 * random.nextInt(3); // the level it holds moves now and then
      }
      double spike = random.nextInt(8) == 0 ? 0.1 + 0.1 * random.nextDouble() : 0;
      state[0][i] = (float) (Math.round((held + spike) * 1000) / 1000.0);
      double x = Math.sin(t * 0.6) * 30;
      state[1][i] = Math.round(x * 4096 / 360) * 360f / 4096; // an encoder, flipping by one step
      state[2][i] =
          (float) (x + 0.4 * Math.sin(2 * Math.PI * 10 * t) + 0.15 * random.nextGaussian());
      state[3][i] = (float) x;
    }
    double[] levels = JointLevels.of(Trajectory.ofColumns(nanos, state));
    assertThat(levels[0]).isLessThan(JointLevels.FLICKER_LEVELS);
    assertThat(levels[1]).isEqualTo(JointLevels.MAX_LEVELS); // 60 degrees of 0.088-degree steps
    assertThat(levels[2]).isEqualTo(JointLevels.MAX_LEVELS);
    assertThat(levels[3]).isEqualTo(JointLevels.MAX_LEVELS);
  }
}
