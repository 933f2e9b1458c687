package dev.tributary.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleGridTest {
  /** Ticks of n frames at 15 fps in a 1/15360 s time base. */
  private static long[] frames(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 1024L;
    }
    return t;
  }

  private static long[] keysEvery(int gop, int n) {
    long[] k = new long[(n + gop - 1) / gop];
    for (int i = 0; i < k.length; i++) {
      k[i] = i * gop * 1024L;
    }
    return k;
  }

  @Test
  void eightSamplesOfEightSecondsWithTwoSecondGopsDecode64FramesOnTheKeyframesAnd96Centred() {
    long[] frames = frames(120);
    long[] keys = keysEvery(30, 120);
    long duration = 120 * 1024L;

    assertThat(SampleGrid.cost(frames, keys, 0, duration, 8, SampleGrid.CENTRES)).isEqualTo(96);
    double phase = SampleGrid.cheapestPhase(frames, keys, 0, duration, 8);
    assertThat(phase).isCloseTo(0, within(1e-3));
    assertThat(SampleGrid.cost(frames, keys, 0, duration, 8, phase)).isEqualTo(64);
    for (int i = 0; i < 8; i++) {
      assertThat(SampleGrid.target(0, duration, SampleGrid.fractions(8, phase)[i]))
          .isEqualTo(i * 15 * 1024L);
    }
  }

  @Test
  void withoutKeyframesTheCentresStayAndWithOnlyKeyframesASampleCostsAtMostTwoFrames() {
    long[] frames = frames(60);
    long duration = 60 * 1024L;

    double phase = SampleGrid.cheapestPhase(frames, frames, 0, duration, 8);
    assertThat(SampleGrid.cost(frames, frames, 0, duration, 8, phase)).isLessThanOrEqualTo(16);
    assertThat(SampleGrid.cheapestPhase(frames, new long[0], 0, duration, 8))
        .isEqualTo(SampleGrid.CENTRES);
  }

  @Test
  void aShiftedGridNeverCostsMoreThanTheCentres() {
    for (int gop : new int[] {7, 15, 30, 45, 60, 200}) {
      for (int n : new int[] {50, 75, 105, 120, 333}) {
        long[] frames = frames(n);
        long[] keys = keysEvery(gop, n);
        long duration = n * 1024L;
        double phase = SampleGrid.cheapestPhase(frames, keys, 0, duration, 8);
        assertThat(SampleGrid.cost(frames, keys, 0, duration, 8, phase))
            .isLessThanOrEqualTo(SampleGrid.cost(frames, keys, 0, duration, 8, SampleGrid.CENTRES));
        assertThat(phase).isBetween(0.0, 1.0);
      }
    }
  }
}
