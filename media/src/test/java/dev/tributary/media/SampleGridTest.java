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

  @Test
  void onATwoFrameGopEveryTargetMovesToTheNearestKeyframeAndCostsOneFrame() {
    // 13 s at 30 fps (LeRobot's AV1: a keyframe every 2 frames), 1/15360 s time base
    int n = 393;
    long[] frames = new long[n];
    for (int i = 0; i < n; i++) {
      frames[i] = i * 512L;
    }
    long[] keys = new long[(n + 1) / 2];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i * 1024L;
    }
    long duration = n * 512L;

    double phase = SampleGrid.cheapestPhase(frames, keys, 0, duration, 8);
    long[] targets = SampleGrid.targets(keys, 0, duration, 8, phase);

    assertThat(SampleGrid.cost(frames, keys, 0, duration, 8, phase)).isEqualTo(8);
    long slice = duration / 8;
    for (int i = 0; i < 8; i++) {
      assertThat(targets[i] % 1024L).isZero(); // on a keyframe
      long unsnapped = SampleGrid.target(0, duration, SampleGrid.fractions(8, phase)[i]);
      assertThat(Math.abs(targets[i] - unsnapped)).isLessThanOrEqualTo(512L); // a frame at most
      if (i > 0) {
        assertThat(targets[i]).isGreaterThan(targets[i - 1] + slice / 2);
      }
    }
  }

  @Test
  void onTwoSecondGopsNoTargetMoves() {
    long[] frames = frames(120);
    long[] keys = keysEvery(30, 120);
    long duration = 120 * 1024L;
    for (double phase : new double[] {0, 0.25, SampleGrid.CENTRES, 0.75}) {
      long[] targets = SampleGrid.targets(keys, 0, duration, 8, phase);
      for (int i = 0; i < 8; i++) {
        long plain = SampleGrid.target(0, duration, SampleGrid.fractions(8, phase)[i]);
        boolean nearAKey = plain % (30 * 1024L) <= 1024 * 15 / 8;
        assertThat(targets[i]).isEqualTo(nearAKey ? plain - plain % (30 * 1024L) : plain);
      }
    }
  }

  @Test
  void aTargetMovesOnlyWithinTheToleranceAndToTheNearerKeyframe() {
    long[] keys = {0, 100, 200};
    assertThat(SampleGrid.nearestKey(keys, 110, 10)).isEqualTo(100);
    assertThat(SampleGrid.nearestKey(keys, 111, 10)).isEqualTo(111);
    assertThat(SampleGrid.nearestKey(keys, 192, 10)).isEqualTo(200);
    assertThat(SampleGrid.nearestKey(keys, 194, 10)).isEqualTo(200);
    assertThat(SampleGrid.nearestKey(keys, 150, 10)).isEqualTo(150);
    assertThat(SampleGrid.nearestKey(new long[0], 150, 10)).isEqualTo(150);
  }

  @Test
  void onATwoFrameGopTheGridStaysWhereTheUnmovedGridWasCheapest() {
    // 8 s at 15 fps, a keyframe every 2 frames (an AV1 re-encode of the simulator's video): every
    // phase costs 8 once targets move onto keyframes; the tie goes to a phase that was cheapest
    // without moving them (4 samples on keyframes, 4 one frame after: 12 frames), as before targets
    // moved, not to the centres (7.5, 22.5, ... frames: 3 frames each from the keyframe before)
    long[] frames = frames(120);
    long[] keys = keysEvery(2, 120);
    long duration = 120 * 1024L;

    double phase = SampleGrid.cheapestPhase(frames, keys, 0, duration, 8);

    assertThat(SampleGrid.cost(frames, keys, 0, duration, 8, phase)).isEqualTo(8);
    assertThat(SampleGrid.plainCost(frames, keys, 0, duration, 8, phase)).isEqualTo(12);
    assertThat(SampleGrid.plainCost(frames, keys, 0, duration, 8, SampleGrid.CENTRES))
        .isGreaterThan(12);
    long[] targets = SampleGrid.targets(keys, 0, duration, 8, phase);
    for (int i = 0; i < 8; i++) {
      long plain = SampleGrid.target(0, duration, SampleGrid.fractions(8, phase)[i]);
      assertThat(Math.abs(targets[i] - plain)).isLessThanOrEqualTo(1024L);
    }
  }
}
