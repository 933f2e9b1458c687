package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.Transforms;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, seventh round: a slow, broad speed peak keeps its landmark time in a trimmed copy whose
 * cut runs through the peak's half-maximum flank (round 7's dVRK needle insertion).
 */
class BroadPeakTimingTest {
  private static final double RATE_HZ = 100;
  private static final double DURATION_S = 8;

  /** One joint whose speed is an asymmetric bump at 4 s: sigma 0.5 s before, 1.0 s after. */
  private static Trajectory broadMove() {
    return bump(0.5, 1.0);
  }

  /**
   * One joint whose speed is a bump at 4 s, a Gaussian of {@code before} seconds' sigma before it
   * and {@code after} after it.
   */
  private static Trajectory bump(double before, double after) {
    int n = (int) (DURATION_S * RATE_HZ) + 1;
    long[] nanos = new long[n];
    float[][] state = new float[1][n];
    double x = 0;
    for (int i = 0; i < n; i++) {
      double t = i / RATE_HZ;
      double sigma = t < 4 ? before : after;
      x += Math.exp(-0.5 * (t - 4) * (t - 4) / (sigma * sigma)) / RATE_HZ;
      nanos[i] = Math.round(t * 1e9);
      state[0][i] = (float) x;
    }
    return Trajectory.ofColumns(nanos, state);
  }

  private static double landmarkNear(TrajectorySketch s, double timeS) {
    double best = Double.NaN;
    for (int i = 0; i < s.landmarks(); i++) {
      if (s.landmarkCode(i) == 0
          && (Double.isNaN(best)
              || Math.abs(s.landmarkTimeS(i) - timeS) < Math.abs(best - timeS))) {
        best = s.landmarkTimeS(i);
      }
    }
    return best;
  }

  @Test
  void aCutThroughTheHalfMaximumFlankDoesNotMoveTheLandmark() {
    Trajectory original = broadMove();
    TrajectorySketch o = TrajectorySketch.of(original);
    double peak = landmarkNear(o, 4.0);
    // Half maximum is 1.18 s after the argmax: wider than 1 s, so the peak is timed higher up.
    assertThat(peak).isBetween(3.9, 4.4);
    // The clip [2.0 s, 5.0 s] ends 1 s after the argmax, inside the half-maximum flank.
    Transforms.Edited clip = Transforms.trim(original, 0.25, 0.375);
    TrajectorySketch c = TrajectorySketch.of(clip.trajectory());
    double inClip = landmarkNear(c, peak - clip.trimStartS());
    assertThat(inClip + clip.trimStartS())
        .isCloseTo(peak, org.assertj.core.data.Offset.offset(0.005));
  }

  /** One joint whose speed is a symmetric bell at 4 s of this sigma. */
  private static Trajectory bell(double sigma) {
    return bump(sigma, sigma);
  }

  @Test
  void aCutThroughTheLowLevelsIsNotTakenForTheirCrossing() {
    // Issue 16, tenth round. Sigma 0.4 s: half-maximum width 0.94 s, so the original is timed at
    // half maximum, 4.0 s. The clip [3.6 s, 5.0 s] starts 0.4 s before the argmax, past the 0.5 and
    // 0.6 crossings (0.47 and 0.40 s before it), where the speed falls to 0 only because the clip
    // ends: timed by that crossing, the clip put the peak 69 ms late (END_SAMPLES 0). Now it takes
    // the 0.7 level (0.34 s before the argmax, 2.2 samples inside the clip): 31 ms late, since the
    // smoothing still lowers the speed within ~0.2 s of the cut (END_SAMPLES 4 would give 6 ms, but
    // keeps fewer landmarks of real trims: see END_SAMPLES).
    Trajectory original = bell(0.4);
    TrajectorySketch o = TrajectorySketch.of(original);
    double peak = landmarkNear(o, 4.0);
    assertThat(peak).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.005));
    Transforms.Edited clip = Transforms.trim(original, 0.45, 0.375);
    assertThat(clip.trimStartS()).isCloseTo(3.6, org.assertj.core.data.Offset.offset(0.011));
    TrajectorySketch c = TrajectorySketch.of(clip.trajectory());
    double inClip = landmarkNear(c, peak - clip.trimStartS());
    assertThat(inClip + clip.trimStartS())
        .isCloseTo(peak, org.assertj.core.data.Offset.offset(0.04));
  }

  @Test
  void aNarrowBellKeepsItsHalfMaximumCentre() {
    // A symmetric bell of sigma 0.2 s (half-maximum width 0.47 s): the first level fits.
    double[] v = new double[161];
    for (int k = 0; k < v.length; k++) {
      double t = k / TrajectorySketcher.GRID_HZ;
      v[k] = Math.exp(-0.5 * (t - 4.03) * (t - 4.03) / 0.04);
    }
    int k = (int) Math.round(4.03 * TrajectorySketcher.GRID_HZ);
    double[] half = TrajectorySketcher.halfMaximum(v, k, 1, 1);
    assertThat(TrajectorySketcher.levelCentre(v, k, 1, 1)).isEqualTo(half[0]);
  }
}
