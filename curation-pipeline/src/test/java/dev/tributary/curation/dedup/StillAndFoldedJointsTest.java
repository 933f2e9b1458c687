package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.Transforms;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, eighth round: round 10's Kinova Gen3 holds some joints still within a few float32 steps
 * (a staircase whose noise estimate and median speed are 0, so it read as moving), and parks a
 * continuous joint at -pi, where it flips to +pi and back in one sample. Neither is motion a copy
 * keeps: a resampled copy re-draws the staircase and smears the flips. Both must be left out of the
 * comparison, so the copy matches on the joints that move.
 */
class StillAndFoldedJointsTest {
  private static final double RATE_HZ = 600;
  private static final double DURATION_S = 5;
  private static final int STILL = 3;
  private static final int FOLDED = 4;

  private static double minJerk(double u) {
    double x = Math.max(0, Math.min(1, u));
    return x * x * x * (10 - 15 * x + 6 * x * x);
  }

  /**
   * Three joints that move, one held at pi within a random walk of float32 steps, one parked at -pi
   * that flips to +pi for a while twice ({@code folds} false: it stays at -pi).
   */
  private static Trajectory take(long seed, boolean folds) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = (int) Math.round(DURATION_S * RATE_HZ) + 1;
    double[][] values = new double[n][5];
    double[] times = new double[n];
    float still = (float) Math.PI;
    float parked = (float) -Math.PI + 1e-4f;
    for (int i = 0; i < n; i++) {
      double t = i / RATE_HZ;
      times[i] = t;
      for (int j = 0; j < 3; j++) {
        values[i][j] =
            (float)
                (0.3 * j
                    + (0.5 + 0.2 * j) * minJerk((t - 0.5 - 0.3 * j) / 1.2)
                    - (0.4 + 0.1 * j) * minJerk((t - 2.6 + 0.2 * j) / 1.0));
      }
      if (random.nextInt(8) == 0) { // a step of one float32 ulp now and then
        still = random.nextBoolean() ? Math.nextUp(still) : Math.nextDown(still);
        parked = random.nextBoolean() ? Math.nextUp(parked) : Math.nextDown(parked);
      }
      values[i][STILL] = still;
      boolean flipped = folds && ((t > 1.1 && t < 1.9) || (t > 3.3 && t < 3.8));
      values[i][FOLDED] = flipped ? parked + 2 * Math.PI : parked;
    }
    return new Trajectory(values, times);
  }

  private static CoarseTrajectory coarse(Trajectory t) {
    return TrajectorySketch.of(t).coarse();
  }

  @Test
  void aJointHeldWithinAFloat16StepIsNotComparedAsMoving() {
    Trajectory t = take(1, false);
    assertThat(JointLevels.heldStill(t, STILL)).isTrue();
    for (int j = 0; j < 3; j++) {
      assertThat(JointLevels.heldStill(t, j)).isFalse();
    }
    CoarseTrajectory original = coarse(t);
    assertThat(original.motionRatio(STILL)).isZero();
    assertThat(original.motionRatio(0)).isGreaterThanOrEqualTo(AlignedCorrelation.MIN_MOTION_RATIO);

    // A joint that moves 0.01 rad at pi (5 float16 steps) is motion, in degrees as well.
    double[][] small = new double[200][1];
    double[][] smallDegrees = new double[200][1];
    double[] times = new double[200];
    for (int i = 0; i < 200; i++) {
      times[i] = i / 50.0;
      small[i][0] = (float) (Math.PI - 0.01 * minJerk(i / 200.0));
      smallDegrees[i][0] = (float) Math.toDegrees(small[i][0]);
    }
    assertThat(JointLevels.heldStill(new Trajectory(small, times), 0)).isFalse();
    assertThat(JointLevels.heldStill(new Trajectory(smallDegrees, times), 0)).isFalse();

    // A resampled copy matches on the joints that move; the staircase is not among them.
    CoarseTrajectory copy =
        coarse(Transforms.resample(t, 25, new SplittableRandom(7)).trajectory());
    double[] perJoint = new double[5];
    AlignedCorrelation.Alignment a = AlignedCorrelation.at(copy, original, 0, perJoint);
    assertThat(perJoint[STILL]).isNaN();
    assertThat(a.correlation())
        .isGreaterThanOrEqualTo(NearDuplicateConfig.defaults().minCorrelation());
  }

  @Test
  void aJointThatFlipsAcrossItsWholeRangeAndBackIsNotComparedAsMoving() {
    Trajectory t = take(2, true);
    assertThat(JointLevels.folds(t, FOLDED)).isTrue();
    assertThat(JointLevels.heldStill(t, FOLDED)).isFalse(); // its range is a whole turn
    for (int j = 0; j < 3; j++) {
      assertThat(JointLevels.folds(t, j)).isFalse();
    }
    CoarseTrajectory original = coarse(t);
    assertThat(original.motionRatio(FOLDED)).isZero();

    // Trimmed and resampled (the cubic resampler overshoots or smears each flip its own way), or
    // converted to other units with an offset: still matched on the joints that move.
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    for (int seed = 0; seed < 6; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Transforms.Edited trimmed = Transforms.trim(t, 0.1 + 0.03 * seed, 0.15);
      Transforms.Edited copy = Transforms.resample(trimmed.trajectory(), 15 + 7 * seed, random);
      Trajectory converted =
          Transforms.degreesNormalised(copy.trajectory(), false, random).trajectory();
      for (Trajectory q : new Trajectory[] {copy.trajectory(), converted}) {
        double[] perJoint = new double[5];
        AlignedCorrelation.Alignment a =
            AlignedCorrelation.align(
                coarse(q), original, trimmed.trimStartS() + copy.trimStartS(), -2);
        AlignedCorrelation.at(coarse(q), original, a.offsetS(), perJoint);
        assertThat(perJoint[FOLDED]).as("seed %d", seed).isNaN();
        assertThat(a.correlation())
            .as("seed %d", seed)
            .isGreaterThanOrEqualTo(rule.minCorrelation());
      }
    }
  }

  @Test
  void twoTakesMeetingInOneJumpAreNotAFold() {
    double[][] values = new double[300][1];
    double[] times = new double[300];
    for (int i = 0; i < 300; i++) {
      times[i] = i / 30.0;
      values[i][0] = i < 150 ? 0.5 + 0.01 * Math.sin(i * 0.1) : -0.5 + 0.01 * Math.sin(i * 0.1);
    }
    assertThat(JointLevels.folds(new Trajectory(values, times), 0)).isFalse();
  }

  @Test
  void aGripperThatOnlyOpensAndClosesIsNotAFold() {
    double[][] values = new double[300][1];
    double[] times = new double[300];
    for (int i = 0; i < 300; i++) {
      times[i] = i / 30.0;
      values[i][0] = (i / 60) % 2; // 0 and 1, switching in one sample
    }
    assertThat(JointLevels.folds(new Trajectory(values, times), 0)).isFalse();
  }
}
