package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.Transforms;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, seventh round: a float16 copy coarsens one arm of a bimanual robot and leaves the other
 * resolved, and another take of the task at the same site repeats that other arm's path (round 7's
 * dVRK, takes 10 and 11: psm2's six joints fell under {@link AlignedCorrelation#MIN_LEVELS} in the
 * float16 copy, so only psm1, which repeats its path within 2-3 % of its range across takes, was
 * scored). The coarsened arm differs between the takes far beyond what float16 rounding explains,
 * so it must veto, while the float16 copy of the take itself still matches.
 */
class CoarseOnlyInCopyTest {
  private static final double RATE_HZ = 50;
  private static final double DURATION_S = 8;
  private static final int ARM = 6;

  /** Minimum-jerk position from 0 to 1 over u in [0, 1]. */
  private static double minJerk(double u) {
    double x = Math.max(0, Math.min(1, u));
    return x * x * x * (10 - 15 * x + 6 * x * x);
  }

  /**
   * Twelve joints: the first arm moves 0.6-1.1 rad per move at the same times in every take (a
   * scripted path, {@code firstArmJitter} rad of difference); the second arm moves 0.006-0.01 rad
   * around 0.5 (20 float16 steps: coarse after a float16 round trip), its moves at {@code
   * secondArmMoves} seconds.
   */
  private static Trajectory take(double firstArmJitter, double[] secondArmMoves) {
    int n = (int) Math.round(DURATION_S * RATE_HZ) + 1;
    double[][] values = new double[n][2 * ARM];
    double[] times = new double[n];
    double[] firstArmMoves = {0.8, 2.2, 3.6, 5.0, 6.4};
    for (int i = 0; i < n; i++) {
      double t = i / RATE_HZ;
      times[i] = t;
      for (int j = 0; j < ARM; j++) {
        double v = 0.2 * j;
        for (int k = 0; k < firstArmMoves.length; k++) {
          double sign = ((k + j) % 2 == 0) ? 1 : -1;
          v += sign * (0.6 + 0.1 * j) * minJerk((t - firstArmMoves[k]) / 0.9);
        }
        values[i][j] = v + firstArmJitter * Math.sin(1.3 * t + j);
        double w = 0.5;
        for (int k = 0; k < secondArmMoves.length; k++) {
          double sign = ((k + j) % 2 == 0) ? 1 : -1;
          w += sign * (0.006 + 0.0008 * j) * minJerk((t - secondArmMoves[k]) / 0.8);
        }
        values[i][ARM + j] = w;
      }
    }
    return new Trajectory(values, times);
  }

  private static CoarseTrajectory coarse(Trajectory t) {
    return TrajectorySketch.of(t).coarse();
  }

  @Test
  void anArmCoarseOnlyInTheCopyVetoesAnotherTakeThatRepeatsTheOtherArm() {
    double[] moves = {1.2, 3.0, 4.6, 6.2};
    double[] otherTakeMoves = {1.4, 2.8, 4.9, 6.1}; // the second arm a little earlier or later
    Trajectory stored = take(0, moves);
    Trajectory otherTake = take(0.002, otherTakeMoves);
    CoarseTrajectory s = coarse(stored);
    CoarseTrajectory copyOfOther = coarse(Transforms.float16(otherTake).trajectory());
    CoarseTrajectory copyOfStored = coarse(Transforms.float16(stored).trajectory());

    // The float16 round trip leaves the second arm under MIN_LEVELS in the copies only.
    for (int j = ARM; j < 2 * ARM; j++) {
      assertThat(s.levels(j)).isGreaterThanOrEqualTo(AlignedCorrelation.MIN_LEVELS);
      assertThat(copyOfOther.levels(j)).isLessThan(AlignedCorrelation.MIN_LEVELS);
    }
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();

    // Unquantised, the other take is told apart by its second arm.
    AlignedCorrelation.Alignment resolved = AlignedCorrelation.align(coarse(otherTake), s, 0, -2);
    assertThat(resolved.joints()).isEqualTo(2 * ARM);
    assertThat(resolved.correlation()).isLessThan(rule.minCorrelation());

    // Its float16 copy is scored on the first arm alone (same path, same units) ...
    AlignedCorrelation.Alignment other = AlignedCorrelation.align(copyOfOther, s, 0, -2);
    assertThat(other.joints()).isEqualTo(ARM);
    // ... but the coarse second arm disagrees beyond its quantisation: no match.
    assertThat(other.correlation()).isLessThan(rule.minCorrelation());

    // The float16 copy of the stored take itself still matches, in the same units.
    AlignedCorrelation.Alignment own = AlignedCorrelation.align(copyOfStored, s, 0, -2);
    assertThat(own.sameUnits()).isTrue();
    assertThat(own.correlation()).isGreaterThanOrEqualTo(rule.minCorrelation());
  }
}
