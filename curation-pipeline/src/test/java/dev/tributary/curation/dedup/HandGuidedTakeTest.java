package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.Transforms;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, sixth round: a slow hand-guided take recorded at 100 Hz (like the UR5 takes of the
 * round) whose arm moves one joint at a time in long bells while the other joints only show sensor
 * noise, one of them creeping a step of about ten noise deviations when the hand takes it.
 */
class HandGuidedTakeTest {
  private static final double NOISE = 3e-5;

  /** 100 Hz with +-2 ms jitter; joints 0-1 move (slow bells), 2-5 hold with noise, 5 creeps. */
  static Trajectory handGuided(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 600;
    double[] times = new double[n];
    double[][] values = new double[n][6];
    for (int i = 0; i < n; i++) {
      times[i] = i * 0.01 + (i == 0 ? 0 : (random.nextDouble() - 0.5) * 0.004);
      double t = times[i];
      values[i][0] = 0.5 * smoothStep((t - 0.6) / 1.4) - 0.3 * smoothStep((t - 3.2) / 1.2);
      values[i][1] = -0.4 * smoothStep((t - 1.7) / 1.6) + 0.2 * smoothStep((t - 4.1) / 1.1);
      for (int j = 2; j < 6; j++) {
        values[i][j] = 0.1 * j + NOISE * random.nextGaussian();
      }
      values[i][5] += t > 1.0 ? 10 * NOISE : 0;
    }
    return new Trajectory(values, times);
  }

  private static double smoothStep(double x) {
    double s = Math.max(0, Math.min(1, x));
    return s * s * s * (10 - 15 * s + 6 * s * s);
  }

  @Test
  void aJointThatOnlyShowsNoiseAndOneSmallStepIsNotCalledMoving() {
    double[] ratios = TrajectorySketch.of(handGuided(1)).coarseMotionRatios();

    assertThat(ratios[0]).isGreaterThanOrEqualTo(AlignedCorrelation.MIN_MOTION_RATIO);
    assertThat(ratios[1]).isGreaterThanOrEqualTo(AlignedCorrelation.MIN_MOTION_RATIO);
    for (int j = 2; j < 6; j++) {
      assertThat(ratios[j]).as("joint %d", j).isLessThan(AlignedCorrelation.MIN_MOTION_RATIO);
    }
  }

  @Test
  void theSmoothingDoesNotDependOnWhereTheGridFallsBetweenDenseSamples() {
    Trajectory original = handGuided(3);
    // 3 samples (about 30 ms) cut: the 20 Hz grid now falls between other raw samples.
    Trajectory shifted = Transforms.trim(original, 0.0051, 0).trajectory();
    double offset = shifted.timeS(0) - original.timeS(0);
    CoarseTrajectory a = TrajectorySketch.of(original).coarse();
    CoarseTrajectory b = TrajectorySketch.of(shifted).coarse();

    assertThat(offset).isBetween(0.02, 0.04);
    // joint 5 while it holds (noise only, before its step): the shifted copy's smoothed values
    // against the original's at the same times. Point samples of the raw values on the 20 Hz
    // grid (before the sixth round) differ by about a third of the noise here.
    double worst = 0;
    for (int i = 0; i < b.samples(); i++) {
      double t = i / b.rateHz() + offset;
      if (t < 0.35 || t > 0.75) {
        continue;
      }
      double x = t * a.rateHz();
      int k = (int) Math.floor(x);
      double f = x - k;
      double atA = (1 - f) * value(a, 5, k) + f * value(a, 5, k + 1);
      worst = Math.max(worst, Math.abs(atA - value(b, 5, i)));
    }
    assertThat(worst).isLessThan(NOISE / 8);
    assertThat(TrajectorySketcher.subSamples(original)).isEqualTo(5);
  }

  private static double value(CoarseTrajectory c, int joint, int sample) {
    return c.min(joint) + c.code(joint, sample) * c.step(joint);
  }

  @Test
  void aTrimmedAndAResampledCopyOfAHandGuidedTakeAreFound() {
    Trajectory original = handGuided(4);
    NearDuplicateIndex index = new NearDuplicateIndex();
    index.add("original", TrajectorySketch.of(original), 1.0, java.util.List.of());

    Trajectory trim = Transforms.trim(original, 0.23, 0.22).trajectory();
    Trajectory resample = Transforms.resample(original, 25, new SplittableRandom(7)).trajectory();

    assertThat(index.find(TrajectorySketch.of(trim)))
        .hasValueSatisfying(m -> assertThat(m.originalEpisodeId()).isEqualTo("original"));
    assertThat(index.find(TrajectorySketch.of(resample)))
        .hasValueSatisfying(m -> assertThat(m.originalEpisodeId()).isEqualTo("original"));
  }
}
