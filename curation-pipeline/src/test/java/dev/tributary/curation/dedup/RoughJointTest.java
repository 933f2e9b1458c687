package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.curation.bench.Transforms;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, ninth round: an arm moved by hand and recorded at ~9 Hz (like round 11's Lite 6), five
 * joints in degrees, whose two wrist joints wobble from sample to sample by a third of their
 * motion's deviation. A cubic resample re-draws such a joint between its samples, so a trimmed,
 * resampled, unit-converted copy correlates below the other-units bar on it; {@link
 * CoarseTrajectory#redrawVar} says by how much it may.
 */
class RoughJointTest {

  /** ~9.2 Hz (steps 100-121 ms); joints 0-2 smooth large moves, 3-4 rough wrist joints. */
  static Trajectory handMoved(long seed, double shiftDeg, double pace) {
    return handMoved(seed, seed, shiftDeg, pace);
  }

  /** {@link #handMoved}, the sample clock and the wrist's wobble drawn from their own seeds. */
  static Trajectory handMoved(long clockSeed, long wobbleSeed, double shiftDeg, double pace) {
    SplittableRandom random = new SplittableRandom(clockSeed);
    SplittableRandom wobble = new SplittableRandom(wobbleSeed * 7919 + 1);
    int n = 76;
    double[] times = new double[n];
    double[][] values = new double[n][5];
    for (int i = 0; i < n; i++) {
      times[i] = i == 0 ? 0 : times[i - 1] + 0.100 + 0.021 * random.nextDouble();
      double t = times[i] * pace;
      values[i][0] = 40 * smoothStep((t - 0.5) / 2) - 30 * smoothStep((t - 4) / 2.5) + shiftDeg;
      values[i][1] = -25 * smoothStep((t - 1) / 2.5) + 20 * smoothStep((t - 5) / 2) - shiftDeg;
      values[i][2] = 30 * Math.sin(2 * Math.PI * t / 6) + 90;
      values[i][3] = 15 * Math.sin(2 * Math.PI * t / 3.5 + 1) + 3.5 * wobble.nextGaussian();
      values[i][4] = 20 * smoothStep((t - 2) / 3) + 2.5 * wobble.nextGaussian() + shiftDeg;
    }
    return new Trajectory(values, times);
  }

  private static double smoothStep(double x) {
    double s = Math.max(0, Math.min(1, x));
    return s * s * s * (10 - 15 * s + 6 * s * s);
  }

  /** Trimmed 20 % / 15 %, resampled to 30 Hz by Catmull-Rom, converted (radians or -100..100). */
  private static Trajectory trimResampleUnits(Trajectory t, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Trajectory trimmed = Transforms.trim(t, 0.20, 0.15).trajectory();
    Trajectory resampled = Transforms.resample(trimmed, 30, random).trajectory();
    return Transforms.unitChange(resampled, random).trajectory();
  }

  /** The copy as made before the ninth round: codes and levels, no redraw section. */
  private static CoarseTrajectory withoutRedraw(CoarseTrajectory c) {
    int codesEnd = 7 + c.joints() * 10 + c.joints() * c.samples();
    return new CoarseTrajectory(Arrays.copyOf(c.blob(), codesEnd));
  }

  @Test
  void theRoughJointsOfALowRateTakeCarryTheirRedrawVarianceAndTheSmoothOnesNone() {
    CoarseTrajectory c = TrajectorySketch.of(handMoved(1, 0, 1)).coarse();

    for (int j = 0; j < 3; j++) {
      assertThat(c.redrawVar(j)).as("smooth joint %d", j).isLessThan(0.05);
    }
    assertThat(c.redrawVar(3)).isGreaterThan(0.3);
    assertThat(c.redrawVar(4)).isGreaterThan(0.3);
    // Kept through the sketch's stored bytes.
    CoarseTrajectory read =
        TrajectorySketch.fromBytes(TrajectorySketch.of(handMoved(1, 0, 1)).toBytes()).coarse();
    assertThat(read.redrawVar(3)).isEqualTo(c.redrawVar(3));
    assertThat(read.windows()).isNotNull();
    // A 30 Hz resample of it is not probed (the smoothing spans its samples), nor read from an
    // older copy.
    Trajectory dense =
        Transforms.resample(handMoved(1, 0, 1), 30, new SplittableRandom(2)).trajectory();
    CoarseTrajectory d = TrajectorySketch.of(dense).coarse();
    assertThat(d.redrawVar(3)).isZero();
    // ... and costs no byte: the copy ends with its codes and windows, as before this round.
    assertThat(d.blob().length)
        .isEqualTo(7 + d.joints() * 10 + d.joints() * d.samples() + d.windowBytes());
    assertThat(c.blob().length)
        .isEqualTo(
            7 + c.joints() * 10 + c.joints() * c.samples() + 1 + c.joints() + c.windowBytes());
    assertThat(withoutRedraw(c).redrawVar(3)).isZero();
    assertThat(c.windows()).isNotNull();
  }

  @Test
  void aTrimmedResampledConvertedCopyOfARoughTakeIsConfirmed() {
    for (long seed = 1; seed <= 6; seed++) {
      Trajectory original = handMoved(seed, 0, 1);
      NearDuplicateIndex index = new NearDuplicateIndex();
      index.add("original", TrajectorySketch.of(original), 1.0, List.of());

      assertThat(index.find(TrajectorySketch.of(trimResampleUnits(original, seed + 100))))
          .as("seed %d", seed)
          .hasValueSatisfying(m -> assertThat(m.originalEpisodeId()).isEqualTo("original"));
    }
  }

  /**
   * Five joints at 10 Hz, in degrees; joint 3 moved by {@code redrawDeg} (deviation) of noise, as a
   * re-drawing between samples moves it, and all of them converted to radians.
   */
  private static CoarseTrajectory copy(double[][] stored, double redrawDeg, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] out = new double[stored.length][];
    for (int j = 0; j < stored.length; j++) {
      out[j] = new double[stored[j].length];
      for (int i = 0; i < out[j].length; i++) {
        double v = stored[j][i] + (j == 3 ? redrawDeg * random.nextGaussian() : 0);
        out[j][i] = Math.toRadians(v);
      }
    }
    return CoarseTrajectory.of(out, 10, new double[] {50, 50, 50, 50, 50}, LEVELS);
  }

  private static final double[] LEVELS = {255, 255, 255, 255, 255};

  private static double[][] fiveJoints() {
    double[][] v = new double[5][80];
    for (int i = 0; i < 80; i++) {
      double t = i / 10.0;
      v[0][i] = 40 * Math.sin(2 * Math.PI * t / 7);
      v[1][i] = 30 * Math.cos(2 * Math.PI * t / 5);
      v[2][i] = 25 * Math.sin(2 * Math.PI * t / 4 + 1);
      v[3][i] = 50 * Math.sin(2 * Math.PI * t / 3 + 2);
      v[4][i] = 20 * Math.cos(2 * Math.PI * t / 6 + 0.5);
    }
    return v;
  }

  @Test
  void aJointIsHeldToItsOwnRedrawVarianceNotToTheFlatOtherUnitsBar() {
    NearDuplicateConfig config = NearDuplicateConfig.defaults();
    double[][] values = fiveJoints();
    CoarseTrajectory plain =
        CoarseTrajectory.of(values, 10, new double[] {50, 50, 50, 50, 50}, LEVELS);
    // Joint 3 spans 100 degrees over 255 codes: a re-drawing of 1.5 degrees is 3.8 codes.
    double redrawCodes = 1.5 * 255 / 100;
    CoarseTrajectory rough = plain.withRedraw(new double[] {0, 0, 0, redrawCodes * redrawCodes, 0});
    assertThat(rough.redrawVar(3)).isCloseTo(redrawCodes * redrawCodes, within(0.2));
    assertThat(rough.windows()).isNull();

    AlignedCorrelation.Alignment before = AlignedCorrelation.at(copy(values, 1.5, 1), plain, 0);
    AlignedCorrelation.Alignment after = AlignedCorrelation.at(copy(values, 1.5, 1), rough, 0);
    // Another take's joint 3: five times the re-drawing's deviation away.
    AlignedCorrelation.Alignment other = AlignedCorrelation.at(copy(values, 7.5, 1), rough, 0);

    assertThat(before.sameUnits()).isFalse();
    assertThat(before.joints()).isEqualTo(5);
    assertThat(before.correlation()).isLessThan(config.requiredCorrelation(false));
    assertThat(after.correlation()).isGreaterThanOrEqualTo(config.requiredCorrelation(false));
    assertThat(other.correlation()).isLessThan(config.requiredCorrelation(false));
    // The allowance is that joint's: the others score as before.
    double[] perJoint = new double[5];
    double[] perJointBefore = new double[5];
    AlignedCorrelation.at(copy(values, 1.5, 1), rough, 0, perJoint);
    AlignedCorrelation.at(copy(values, 1.5, 1), plain, 0, perJointBefore);
    for (int j : new int[] {0, 1, 2, 4}) {
      assertThat(perJoint[j]).isEqualTo(perJointBefore[j]);
    }
  }

  @Test
  void anotherTakeOfTheRoughMotionIsNotConfirmed() {
    for (long seed = 1; seed <= 6; seed++) {
      NearDuplicateIndex index = new NearDuplicateIndex();
      index.add("original", TrajectorySketch.of(handMoved(seed, 0, 1)), 1.0, List.of());
      // Another take at the site: the object 3 degrees away, 3 % slower, the hand's own wobble.
      Trajectory other = handMoved(seed + 50, 3, 0.97);
      Trajectory converted = trimResampleUnits(other, seed + 200);

      assertThat(index.find(TrajectorySketch.of(other))).as("seed %d", seed).isEmpty();
      assertThat(index.find(TrajectorySketch.of(converted))).as("seed %d", seed).isEmpty();
      // The same arm path and sample clock, another hand's wobble on the wrist joints only: the
      // allowance is the re-drawing's, far below what another wobble moves.
      Trajectory otherWobble = handMoved(seed, seed + 50, 0, 1);
      assertThat(index.find(TrajectorySketch.of(otherWobble))).as("seed %d", seed).isEmpty();
      assertThat(index.find(TrajectorySketch.of(trimResampleUnits(otherWobble, seed + 300))))
          .as("seed %d", seed)
          .isEmpty();
    }
  }
}
